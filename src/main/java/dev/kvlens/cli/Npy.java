package dev.kvlens.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * NumPy {@code .npy} format version 1.0 for little-endian float32 arrays in C order: magic
 * {@code \x93NUMPY}, version 1 0, a 2-byte little-endian header length, then an ASCII dict
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces and ending in
 * {@code \n} so that the data starts at a multiple of 64 bytes.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** The complete header (magic to the final newline) for a float32 array of this shape. */
    public static byte[] header(int... shape) {
        String dims = shape.length == 1 ? shape[0] + ","
                : Arrays.stream(shape).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes {@code data} (exactly the product of {@code shape} floats, C order) to {@code file}. */
    public static void write(Path file, float[] data, int... shape) throws IOException {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not "
                    + data.length);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.write(header(shape));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : data) {
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(f);
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    /** A float32 array read back: its shape and values. */
    public record Array(int[] shape, float[] data) {
    }

    /** Reads a file written by {@link #write} (v1.0, '<f4', C order). */
    public static Array read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (b.get() != m) {
                throw new IOException(file + " is not a .npy file");
            }
        }
        if (b.get() != 1 || b.get() != 0) {
            throw new IOException(file + ": only .npy version 1.0 is supported");
        }
        int len = Short.toUnsignedInt(b.getShort());
        String head = new String(all, 10, len, StandardCharsets.US_ASCII);
        if (!head.contains("'descr': '<f4'") || !head.contains("'fortran_order': False")) {
            throw new IOException(file + ": expected little-endian float32 in C order");
        }
        Matcher m = SHAPE.matcher(head);
        if (!m.find()) {
            throw new IOException(file + ": no shape in header");
        }
        int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        b.position(10 + len);
        float[] data = new float[(int) n];
        b.asFloatBuffer().get(data);
        return new Array(shape, data);
    }
}
