package dev.kvlens.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** model, kernel, bench, cli and lab must run headless: none of their sources may mention javafx. */
class NoJavaFxInCorePackagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"model", "kernel", "bench", "cli", "lab"})
    void packageDoesNotImportJavaFx(String pkg) throws IOException {
        Path dir = Path.of("src/main/java/dev/kvlens", pkg);
        if (pkg.equals("model") || pkg.equals("cli")) {
            assertThat(dir).isDirectory();
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<String> offenders;
        try (Stream<Path> files = Files.walk(dir)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("javafx.");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).collect(Collectors.toList());
        }
        assertThat(offenders).as("files in %s mentioning javafx", pkg).isEmpty();
    }
}
