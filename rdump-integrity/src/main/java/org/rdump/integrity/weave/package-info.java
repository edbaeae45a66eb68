/**
 * The rsure weave store: every version of a tree's manifest in one SCCS-style file.
 *
 * <h2>Format</h2>
 * A weave is a text file, plain or compressed (gzip for the suffix {@code .gz}, zstd for
 * {@code .zstd}). Its first line is the byte 0x01, the letter {@code t} and a JSON header
 * {@code {"version":1,"deltas":[{"name":..,"number":..,"tags":{..},"time":..},..]}}, one entry per
 * version, oldest first, fields in exactly this order; {@code tags} is sorted and never holds
 * {@code name}; {@code time} is RFC 3339 UTC with nine fraction digits. The rest is the weave body:
 * data lines (the asure-2.0 node lines of {@link org.rdump.integrity.node}) and control lines that
 * start with 0x01: {@code ^AI n} opens a block of lines inserted by delta n, {@code ^AD n} a block
 * of lines deleted by delta n, {@code ^AE n} closes the block of delta n. Blocks nest. The first
 * version is written as {@code ^AI 1}, its lines, {@code ^AE 1}.
 *
 * <h2>Reading a version</h2>
 * To read version v, the reader keeps the open blocks sorted by delta number. An {@code I n} block
 * says "keep" when v &ge; n and "skip" otherwise; a {@code D n} block says "skip" when v &ge; n and
 * has no opinion otherwise. A data line belongs to version v when the open block with the highest
 * delta number that has an opinion says "keep". Reading streams: memory does not depend on the
 * size of the file.
 *
 * <h2>Adding a version: the streaming merge</h2>
 * rsure runs an external {@code diff} between the latest version and the new one. rdump needs no
 * external program and no memory proportional to the tree, because both versions are node streams
 * in the same canonical order (the tree walk: a directory, its sub-directories recursively, the
 * {@code -}, its files, the {@code u}, entries by raw name bytes). The writer copies the whole old
 * weave line by line into a new file and, while doing so, reads the latest version's lines out of
 * it (the "old" stream) and the new stream side by side. Each node has a key: the names of its
 * enclosing directories, then its own position (a directory by name, then {@code -}, then a file
 * by name, then {@code u}). At each step the current old line o and new line n are compared:
 * <ul>
 *   <li>same key and the same text: the line is common; it is copied as it was;</li>
 *   <li>o's key is smaller, or the keys are equal but the text differs (a changed entry): o is
 *       deleted, i.e. copied inside a {@code ^AD v} block;</li>
 *   <li>n's key is smaller: n is inserted, inside a {@code ^AI v} block, just before o.</li>
 * </ul>
 * Lines of the weave that are not in the latest version (older deleted lines) and the control
 * lines of older deltas are copied unchanged where they are; an open {@code ^AD v}/{@code ^AI v}
 * block is closed before such a line, so the new blocks nest properly. Consecutive operations of
 * one kind share one block. A changed entry therefore becomes a delete of the old line followed by
 * an insert of the new one. Whatever order the inputs are in, the result is correct (every new
 * line is either common or inserted, every old line common or deleted); the canonical order only
 * makes the delta small. A version without changes adds only its header entry. Memory is bounded
 * by the depth of the tree.
 *
 * <h2>Crash safety</h2>
 * The new weave is written to a create-new temporary {@code BASE.N} next to the main file and
 * synced to disk; then the old main file becomes the backup {@code BASE.bak[.gz|.zstd]} (a hard
 * link, so that a main file always exists; a rename where links are not possible), the temporary
 * replaces the main file by an atomic rename, and the directory is synced. On any failure the main
 * file is left unchanged and the temporary file is removed.
 *
 * <p>Status: experimental.
 */
@NullMarked
package org.rdump.integrity.weave;

import org.jspecify.annotations.NullMarked;
