package io.jkeepalived.config.tree;

import io.jkeepalived.config.SourcePos;

/**
 * One word of a configuration line after quoting, escapes, macros and conditionals have been
 * applied. {@code quoted} is true when any part of the word came from a quoted string, which matters
 * for script strings (a quoted string is a whole command line).
 */
public record Token(String text, SourcePos pos, boolean quoted) {}
