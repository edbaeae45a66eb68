/**
 * Whole-filesystem images as an rdump {@link org.rdump.api.BackupTool} (id {@code image}).
 *
 * <p>A backup reads the block device mounted at the frozen tree's root ({@code findmnt}: the
 * volume's own partition, an LVM snapshot, a loop device) into {@code VOLUME-STAMP.img.zst}, a
 * zstd stream, beside {@code VOLUME-STAMP.img.zst.sha256} in {@code sha256sum} format with the
 * SHA-256 of the compressed file and of the raw image. A file system mounted read-write (a
 * {@code simple:} volume) is remounted read-only while it is read and read-write after; the
 * remount is an undo record, so a killed run's file system is made writable again by recovery,
 * and a file system that cannot be made read-only (a file open for writing) is refused rather
 * than imaged live. Both files are written under {@code .partial} names and renamed, the
 * checksum file last: only a pair counts as a backup, and recovery removes a killed run's files.
 *
 * <p>A test restore decompresses the image into the scratch directory (sparse), checking both
 * checksums, attaches it read-only ({@code losetup -r}), mounts it {@code -o ro} and hands the
 * mount to the manifest check; {@code release} unmounts and detaches, and both are journaled.
 *
 * <p>Status: experimental.
 */
@NullMarked
package org.rdump.image;

import org.jspecify.annotations.NullMarked;
