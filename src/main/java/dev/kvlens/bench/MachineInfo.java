package dev.kvlens.bench;

import dev.kvlens.kernel.KernelOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the numbers were measured on.
 *
 * @param cpuModel "model name" from /proc/cpuinfo, or os.arch when unreadable
 * @param cores    {@code Runtime.availableProcessors()}
 * @param vector   the kernel's routines: "vector 16 x float (512-bit)" or "scalar"
 * @param lanes    float lanes per operation (1 = scalar)
 * @param jdk      "17.0.15 (OpenJDK 64-Bit Server VM)"
 * @param maxHeapBytes {@code Runtime.maxMemory()}
 */
public record MachineInfo(String cpuModel, int cores, String vector, int lanes, String jdk, long maxHeapBytes) {

    public static MachineInfo current() {
        return of(KernelOps.best());
    }

    public static MachineInfo of(KernelOps ops) {
        return new MachineInfo(readCpuModel(), Runtime.getRuntime().availableProcessors(), ops.name(), ops.lanes(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name", "?") + ")",
                Runtime.getRuntime().maxMemory());
    }

    static String readCpuModel() {
        try {
            Path p = Path.of("/proc/cpuinfo");
            if (Files.isReadable(p)) {
                List<String> lines = Files.readAllLines(p);
                for (String l : lines) {
                    if (l.startsWith("model name")) {
                        int c = l.indexOf(':');
                        if (c >= 0) {
                            return l.substring(c + 1).trim();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch", "unknown CPU");
    }
}
