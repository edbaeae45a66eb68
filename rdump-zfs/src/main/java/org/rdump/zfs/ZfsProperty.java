package org.rdump.zfs;

import java.util.Objects;

/**
 * One line of {@code zfs get -H -o name,property,value,source}. Immutable.
 *
 * @param name the dataset or snapshot
 * @param property the property name (native, or a user property such as {@code com.x:tag})
 * @param value its value ({@code -} when it has none)
 * @param source {@code local}, {@code default}, {@code inherited from ...}, {@code received},
 *     {@code temporary} or {@code -}
 * @since 0.1
 */
public record ZfsProperty(String name, String property, String value, String source) {
    public ZfsProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /** Whether the value was set on this dataset, or received with a stream. */
    public boolean isLocalOrReceived() {
        return source.equals("local") || source.equals("received");
    }
}
