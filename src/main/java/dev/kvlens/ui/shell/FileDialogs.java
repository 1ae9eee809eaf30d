package dev.kvlens.ui.shell;

import dev.kvlens.ui.common.Messages;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The file questions the shell asks. The real one uses the platform's file chooser; tests give a scripted one.
 */
public interface FileDialogs {

    /** A file to open, or empty if the user cancelled. */
    Optional<Path> chooseOpen(String titleKey, String filterKey, String extension, Path folder);

    /** A file to write, or empty if the user cancelled. May name an existing file. */
    Optional<Path> chooseSave(String titleKey, String filterKey, String extension, Path folder, String suggested);

    /** True if the user agrees to replace the existing {@code file}. */
    boolean confirmOverwrite(Path file);

    /**
     * The whole save question: a path that ends in {@code .extension}, never an existing file the user has not
     * agreed to replace. The platform dialog already asks about the exact name it returns; when the extension
     * had to be added, the resulting name was never shown, so it is asked about here.
     */
    default Optional<Path> askSavePath(String titleKey, String filterKey, String extension, Path folder,
                                       String suggested) {
        Optional<Path> chosen = chooseSave(titleKey, filterKey, extension, folder, suggested);
        if (chosen.isEmpty()) {
            return chosen;
        }
        Path p = chosen.get();
        String dotExt = "." + extension;
        boolean added = false;
        if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(dotExt)) {
            p = p.resolveSibling(p.getFileName() + dotExt);
            added = true;
        }
        if (Files.exists(p) && (added || !platformAsksBeforeOverwrite()) && !confirmOverwrite(p)) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** True when {@link #chooseSave} itself already asked before returning an existing file. */
    default boolean platformAsksBeforeOverwrite() {
        return false;
    }

    /**
     * The platform file chooser and an Alert. JavaFX's save dialog asks before returning an existing file on
     * every platform (on Linux its GTK dialog is created with overwrite confirmation switched on).
     */
    final class Native implements FileDialogs {
        private final Window owner;

        public Native(Window owner) {
            this.owner = owner;
        }

        @Override
        public Optional<Path> chooseOpen(String titleKey, String filterKey, String extension, Path folder) {
            FileChooser fc = chooser(titleKey, filterKey, extension, folder);
            File f = fc.showOpenDialog(owner);
            return Optional.ofNullable(f).map(File::toPath);
        }

        @Override
        public Optional<Path> chooseSave(String titleKey, String filterKey, String extension, Path folder,
                                         String suggested) {
            FileChooser fc = chooser(titleKey, filterKey, extension, folder);
            fc.setInitialFileName(suggested);
            File f = fc.showSaveDialog(owner);
            return Optional.ofNullable(f).map(File::toPath);
        }

        @Override
        public boolean platformAsksBeforeOverwrite() {
            return true;
        }

        @Override
        public boolean confirmOverwrite(Path file) {
            ButtonType replace = new ButtonType(Messages.get("file.replace"), ButtonBar.ButtonData.OK_DONE);
            ButtonType cancel = new ButtonType(Messages.get("file.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, Messages.get("file.exists.text", file.getFileName(),
                    file.toAbsolutePath().getParent()), replace, cancel);
            a.initOwner(owner);
            a.setTitle(Messages.get("file.exists.title"));
            a.setHeaderText(Messages.get("file.exists.header", file.getFileName()));
            return a.showAndWait().filter(b -> b == replace).isPresent();
        }

        private static FileChooser chooser(String titleKey, String filterKey, String extension, Path folder) {
            FileChooser fc = new FileChooser();
            fc.setTitle(Messages.get(titleKey));
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get(filterKey), "*." + extension));
            if (folder != null && Files.isDirectory(folder)) {
                fc.setInitialDirectory(folder.toFile());
            }
            return fc;
        }
    }
}
