package dev.kvlens.ui.study;

import dev.kvlens.ui.common.AppPreferences;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/** A deck of cards with a current position (kept in preferences) and a revealed/hidden answer. No nodes. */
public final class DeckViewModel<T> {

    private final List<T> items;
    private final AppPreferences prefs;
    private final String key;
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper();
    private final BooleanProperty revealed = new SimpleBooleanProperty(false);
    private final ObjectBinding<T> current;

    public DeckViewModel(List<T> items, AppPreferences prefs, String prefsKey) {
        this.items = List.copyOf(items);
        this.prefs = prefs;
        this.key = prefsKey;
        index.set(prefs.integer(prefsKey, 0, 0, items.size() - 1));
        current = Bindings.createObjectBinding(() -> this.items.get(index.get()), index);
    }

    public List<T> items() {
        return items;
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ObjectBinding<T> currentBinding() {
        return current;
    }

    public T current() {
        return current.get();
    }

    public BooleanProperty revealedProperty() {
        return revealed;
    }

    /** Next card, wrapping to the first; hides the answer. */
    public void next() {
        go((index.get() + 1) % items.size());
    }

    /** Previous card, wrapping to the last; hides the answer. */
    public void back() {
        go((index.get() - 1 + items.size()) % items.size());
    }

    public void go(int i) {
        index.set(Math.floorMod(i, items.size()));
        revealed.set(false);
        prefs.setInteger(key, index.get());
    }
}
