package dev.limitless.pinning.internal;

import dev.limitless.sql.internal.SqlTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words and punctuation of a SQL text as the pinning classifier reads them, over the project's one lexer
 * ({@link SqlTokens}): string literals and numbers become {@link #LITERAL}, unquoted words are folded to lower case,
 * quoted identifiers keep their exact spelling, and punctuation comes one character at a time. Never fooled by a
 * keyword inside a string or comment.
 */
final class LexicalTokens {

    /** Token standing for any string or number literal. */
    static final String LITERAL = "'";

    private LexicalTokens() {
    }

    static List<String> of(String sql) {
        return of(SqlTokens.of(sql));
    }

    static List<String> of(List<SqlTokens.Token> tokens) {
        List<String> words = new ArrayList<>(tokens.size());
        for (SqlTokens.Token token : tokens) {
            switch (token.kind()) {
                case STRING, NUMBER -> words.add(LITERAL);
                case WORD -> words.add(token.text().toLowerCase(Locale.ROOT));
                case QUOTED -> words.add(token.identifier());
                case SYMBOL -> {
                    String text = token.text();
                    for (int i = 0; i < text.length(); i++) {
                        words.add(String.valueOf(text.charAt(i)));
                    }
                }
            }
        }
        return words;
    }
}
