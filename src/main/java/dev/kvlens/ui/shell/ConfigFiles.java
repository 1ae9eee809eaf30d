package dev.kvlens.ui.shell;

import dev.kvlens.model.ConfigException;
import dev.kvlens.model.ConfigJson;
import dev.kvlens.ui.common.ErrorText;
import dev.kvlens.ui.common.Messages;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading and writing configuration files. Reading either returns a whole valid document or throws a
 * {@link BadFile} whose message is one localized line; it never changes anything itself.
 */
public final class ConfigFiles {

    /** Real configurations are a few hundred bytes; anything far larger is not one. */
    static final long MAX_BYTES = 64 * 1024;

    private ConfigFiles() {
    }

    /** A configuration file that could not be used; the message is one localized line for the status bar. */
    public static final class BadFile extends Exception {
        BadFile(String oneLine) {
            super(oneLine);
        }
    }

    public static ConfigJson.Document read(Path file) throws BadFile {
        String name = String.valueOf(file.getFileName());
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new BadFile(Messages.get("status.configUnreadable", name));
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new BadFile(Messages.get("status.configInvalid", name, Messages.get("file.tooLarge")));
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadFile(Messages.get("status.configInvalid", name, Messages.get("file.notText")));
        } catch (IOException | SecurityException e) {
            throw new BadFile(Messages.get("status.configUnreadable", name));
        }
        if (text.isBlank()) {
            throw new BadFile(Messages.get("status.configInvalid", name, Messages.get("file.empty")));
        }
        if (text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        try {
            return ConfigJson.read(text);
        } catch (ConfigException e) {
            throw new BadFile(Messages.get("status.configInvalid", name, ErrorText.of(e)));
        } catch (RuntimeException e) {
            throw new BadFile(Messages.get("status.configInvalid", name, ErrorText.of(e)));
        }
    }

    /** Writes the text to {@code file} through a temporary sibling, so a failed write leaves no half file. */
    public static void writeText(Path file, String text) throws IOException {
        writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path file, byte[] bytes) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = Files.createTempFile(dir, ".kvlens-", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
