package org.mesocosm.cli;

import java.util.ListResourceBundle;

/**
 * A command's own wording of options it takes from a shared mixin. picocli looks an option's
 * description up under its {@code descriptionKey} in the command's resource bundle before it falls
 * back to the mixin's text, so a command whose meaning differs a little names a subclass as its
 * bundle: {@code @Command(resourceBundle = "org.mesocosm.cli.SomeCommand$Help")}. Subclasses need a
 * public no-argument constructor: {@link java.util.ResourceBundle} makes them.
 */
public abstract class OptionWording extends ListResourceBundle {
    private final Object[][] contents;

    /** @param keysAndTexts description key, text, key, text, ... */
    protected OptionWording(String... keysAndTexts) {
        if (keysAndTexts.length % 2 != 0) throw new IllegalArgumentException("description keys and texts come in pairs");
        contents = new Object[keysAndTexts.length / 2][];
        for (int i = 0; i < contents.length; i++) contents[i] = new Object[] {keysAndTexts[2 * i], keysAndTexts[2 * i + 1]};
    }

    @Override
    protected Object[][] getContents() {
        return contents;
    }
}
