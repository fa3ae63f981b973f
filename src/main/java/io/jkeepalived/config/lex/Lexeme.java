package io.jkeepalived.config.lex;

import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.tree.Token;

/** What the line lexer hands the tree builder: a word, or an unquoted brace. */
sealed interface Lexeme {
    SourcePos pos();

    record Word(Token token) implements Lexeme {
        @Override
        public SourcePos pos() {
            return token.pos();
        }
    }

    record Open(SourcePos pos) implements Lexeme {}

    record Close(SourcePos pos) implements Lexeme {}
}
