/**
 * Optional building blocks for plugin authors: ready-made steps. Status: stable since 0.1.
 */
@NullMarked
package org.rdump.api.support;

import org.jspecify.annotations.NullMarked;
