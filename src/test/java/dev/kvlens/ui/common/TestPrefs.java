package dev.kvlens.ui.common;

import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** A fresh preferences node per test, and a cleanup that tolerates another JVM holding the prefs file lock. */
public final class TestPrefs {

    private TestPrefs() {
    }

    public static Preferences fresh() {
        return Preferences.userRoot().node("dev/kvlens/test/" + UUID.randomUUID());
    }

    public static void drop(Preferences node) {
        try {
            node.removeNode();
        } catch (BackingStoreException | IllegalStateException e) {
            // best effort: another test JVM may hold the lock; the node lives under dev/kvlens/test only
        }
    }
}
