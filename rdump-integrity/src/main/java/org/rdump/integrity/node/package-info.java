/**
 * The asure-2.0 node stream of rsure: the text form of a directory tree, one line per node.
 *
 * <h2>Format</h2>
 * A stream starts with the two header lines {@code asure-2.0} and {@code -----}. Then comes the
 * root directory, named {@code __root__}. Every directory is written as a {@code d<name> [atts]}
 * line, then all its sub-directories (each recursively in the same shape), then one {@code -}
 * line, then its non-directory entries as {@code f<name> [atts]} lines, then a {@code u} line that
 * leaves it. The stream ends with the {@code u} of the root. Entries of a directory are ordered by
 * their raw name bytes. Attributes are written {@code [key value key value ]}: keys sorted, a space
 * after every key and every value, no space between the type letter and the name.
 *
 * <p>Names and some values (the symlink target {@code targ}) are byte strings, escaped so that the
 * line is printable ASCII without spaces: the bytes {@code '!'..'~'} stand for themselves except
 * {@code '='}, {@code '['} and {@code ']'}; every other byte is {@code =xx} in lower-case hex
 * ({@link org.rdump.integrity.node.NameCodec}). A {@link org.rdump.integrity.node.NodeName} keeps
 * the raw bytes; names never pass through a charset. Lines are handled as ISO-8859-1 strings,
 * one char per byte, so that every byte survives unchanged.
 *
 * <h2>Reading and writing</h2>
 * {@link org.rdump.integrity.node.NodeReader} parses a stream line by line with a hand-written
 * parser and checks its structure (header, one root, balanced {@code d}/{@code u}, one {@code -} per
 * directory, nothing after the end); a malformed stream throws
 * {@link org.rdump.api.IntegrityException} naming the source, the line and the problem.
 * {@link org.rdump.integrity.node.NodeWriter} writes the same format, buffered. Both use memory
 * proportional to the depth of the tree only.
 *
 * <p>Status: experimental.
 */
@NullMarked
package org.rdump.integrity.node;

import org.jspecify.annotations.NullMarked;
