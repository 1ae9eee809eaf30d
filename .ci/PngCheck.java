import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** java .ci/PngCheck.java FILE: fails unless FILE is a PNG of a plausibly drawn window (not blank). */
public class PngCheck {
    public static void main(String[] args) throws Exception {
        File f = new File(args[0]);
        if (!f.isFile() || f.length() == 0) {
            fail(f + " is missing or empty");
        }
        BufferedImage img = ImageIO.read(f);
        if (img == null) {
            fail(f + " is not an image");
        }
        if (img.getWidth() < 640 || img.getHeight() < 400) {
            fail(f + " is only " + img.getWidth() + "x" + img.getHeight());
        }
        Set<Integer> colours = new HashSet<>();
        int dark = 0;
        int samples = 0;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int lum = ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255);
                if (lum < 200) {
                    dark++;
                }
                samples++;
            }
        }
        if (colours.size() < 50) {
            fail(f + " looks blank: only " + colours.size() + " colours");
        }
        System.out.printf("%s: %dx%d, %d colours, %.1f%% dark pixels: ok%n", f, img.getWidth(), img.getHeight(),
                colours.size(), 100.0 * dark / samples);
    }

    private static void fail(String msg) {
        System.err.println("PngCheck: " + msg);
        System.exit(1);
    }
}
