package org.rdump.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The keys a plugin accepts in its part of the configuration. Immutable. Core checks every
 * configured object against its plugin's schema before anything runs (unknown keys, missing
 * required keys, wrong types, values outside {@code choices}) and reports every problem at once
 * with its position; the README's config reference is generated from the same schemas.
 *
 * @param keys the accepted keys, in documentation order
 * @since 0.1
 */
public record SettingsSchema(List<Key> keys) {

    /**
     * Copies the keys.
     *
     * @param keys the accepted keys, in documentation order
     * @throws NullPointerException if {@code keys} or one of them is null
     */
    public SettingsSchema {
        keys = List.copyOf(keys);
    }

    /**
     * A schema of these keys; {@code of()} accepts no key at all.
     *
     * @param keys the accepted keys, in documentation order; never null
     * @return the schema; never null
     */
    public static SettingsSchema of(Key... keys) {
        return new SettingsSchema(List.of(keys));
    }

    /**
     * The key of this name.
     *
     * @param name the key as written in YAML; never null
     * @return the key; never null, empty when the schema does not accept it
     */
    public Optional<Key> key(String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The type of a value. */
    public enum Type {
        /** Any scalar, read as its text ({@link Settings#string}). */
        STRING,
        /** A file or directory path ({@link Settings#path}). */
        PATH,
        /** A whole number ({@link Settings#number}). */
        INTEGER,
        /** {@code true} or {@code false} ({@link Settings#bool}). */
        BOOLEAN,
        /** A size such as {@code 5g}, {@code 512M} or {@code 10%ORIGIN} (LVM syntax). */
        SIZE,
        /** A list of strings, or one string as a list of one ({@link Settings#strings}). */
        STRING_LIST,
        /**
         * A secret string (a passphrase): core refuses control characters in it without showing
         * it, and registers it with {@link org.rdump.api.command.Secrets}, so that every message
         * and log line masks it.
         */
        SECRET,
        /** A nested mapping described by {@link Key#nested()}. */
        OBJECT,
        /**
         * One argument vector: a non-empty list of strings, the program first (never a shell
         * string; a plain string is refused, so that {@code "pg_dump db"} is not taken for a
         * program of that name). Read with {@link Settings#command}.
         *
         * @since 0.6
         */
        COMMAND,
        /**
         * A list of argument vectors, each as {@link #COMMAND}, e.g.
         * {@code [[systemctl, stop, app], [sync]]}. Read with {@link Settings#commands}.
         *
         * @since 0.6
         */
        COMMAND_LIST,
        /**
         * A list of nested mappings, each described by {@link Key#nested()}. Read with
         * {@link Settings#children}.
         *
         * @since 0.6
         */
        OBJECT_LIST
    }

    /**
     * One accepted key. Immutable.
     *
     * @param name the key as written in YAML; never null
     * @param type its type; never null
     * @param required whether it must be present
     * @param defaultValue the default shown in the reference, or null
     * @param description one sentence for the reference; never null
     * @param choices the allowed values of a string key; empty for any value; copied
     * @param nested the schema of an {@link Type#OBJECT} or of each entry of an
     *     {@link Type#OBJECT_LIST}, or null (exactly when neither)
     */
    public record Key(String name, Type type, boolean required, @Nullable String defaultValue,
                      String description, List<String> choices, @Nullable SettingsSchema nested) {
        /**
         * Checks the components and copies {@code choices}.
         *
         * @param name the key as written in YAML; never null
         * @param type its type; never null
         * @param required whether it must be present
         * @param defaultValue the default shown in the reference, or null
         * @param description one sentence for the reference; never null
         * @param choices the allowed values of a string key; empty for any value; copied
         * @param nested the schema of an {@link Type#OBJECT}, or null (exactly when not an object) /
         * @throws NullPointerException if {@code name}, {@code type}, {@code description} or
         *     {@code choices} is null
         * @throws IllegalArgumentException if {@code nested} is given for a type other than
         *     {@link Type#OBJECT}, or missing for an object
         */
        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(description, "description");
            choices = List.copyOf(choices);
            if ((type == Type.OBJECT || type == Type.OBJECT_LIST) != (nested != null)) {
                throw new IllegalArgumentException("nested schema given iff type is OBJECT or OBJECT_LIST: " + name);
            }
        }

        /**
         * A key that must be present.
         *
         * @param name the key as written in YAML; never null
         * @param type its type, not {@link Type#OBJECT} (see {@link #object}); never null
         * @param description one sentence for the reference; never null
         * @return the key; never null
         */
        public static Key required(String name, Type type, String description) {
            return new Key(name, type, true, null, description, List.of(), null);
        }

        /**
         * A key that may be absent.
         *
         * @param name the key as written in YAML; never null
         * @param type its type, not {@link Type#OBJECT} (see {@link #object}); never null
         * @param defaultValue what absent means, as shown in the reference; or null for no default
         * @param description one sentence for the reference; never null
         * @return the key; never null
         */
        public static Key optional(String name, Type type, @Nullable String defaultValue, String description) {
            return new Key(name, type, false, defaultValue, description, List.of(), null);
        }

        /**
         * A string key that accepts only the given values (core rejects any other, listing them).
         *
         * @param name the key as written in YAML; never null
         * @param required whether it must be present
         * @param defaultValue what absent means, or null
         * @param description one sentence for the reference; never null
         * @param choices the allowed values; never null
         * @return the key; never null
         */
        public static Key choice(String name, boolean required, @Nullable String defaultValue,
                                 String description, String... choices) {
            return new Key(name, Type.STRING, required, defaultValue, description, List.of(choices), null);
        }

        /**
         * A nested mapping, checked against its own schema (read it with {@link Settings#child}).
         *
         * @param name the key as written in YAML; never null
         * @param required whether it must be present
         * @param description one sentence for the reference; never null
         * @param nested the keys the mapping accepts; never null
         * @return the key; never null
         */
        public static Key object(String name, boolean required, String description, SettingsSchema nested) {
            return new Key(name, Type.OBJECT, required, null, description, List.of(), nested);
        }

        /**
         * An optional list of mappings, each checked against {@code nested}.
         *
         * @param name the key; never null
         * @param description one sentence for the reference; never null
         * @param nested the schema of each entry; never null
         * @return the key
         * @since 0.6
         */
        public static Key objectList(String name, String description, SettingsSchema nested) {
            return new Key(name, Type.OBJECT_LIST, false, null, description, List.of(), nested);
        }
    }
}
