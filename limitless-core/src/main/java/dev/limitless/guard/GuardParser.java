package dev.limitless.guard;

import java.util.concurrent.ArrayBlockingQueue;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;

/**
 * A JSqlParser parser the guard re-initializes for the next text instead of building a new one. A new
 * {@link CCJSqlParser} allocates its look-ahead and lexer tables, several times what the parse itself allocates for a
 * short OLTP statement, and building them was a visible share of a first analysis.
 *
 * <p>Only a parser whose last parse ended normally is used again: {@code ReInit} resets the input, the lexer and the
 * look-ahead tables; this class resets the rest of the parser's per-parse state (its node stack, counters, parameter
 * index, recovered errors and interrupt flag). The parser's private depth counters are restored by the parser itself
 * in {@code finally} blocks. Its look-ahead caches (keyed by token identity, so entries of an earlier text never
 * match) are released by retiring a parser after {@link #MAX_USES} texts, and a parser that read a long text is not
 * kept. {@code GuardParserReuseTest} checks that a reused parser reads every corpus statement as a new one does.
 */
final class GuardParser extends CCJSqlParser {

    /** Texts one parser reads before it is dropped (its look-ahead caches go with it). */
    static final int MAX_USES = 64;

    /** Longer texts are parsed by a parser that is not kept: its buffers and caches would stay as large. */
    static final int MAX_KEPT_LENGTH = 4_000;

    private int uses = 1;
    /** Whether the parser may be kept: one built for a long text is not (it reads only short texts after that). */
    private final boolean keepable;
    /** Whether the watchdog looks at this parser; read and written by the thread that holds the parser. */
    boolean watched;
    /** Deadline of the running parse ({@link System#nanoTime()}); guarded by {@code this} with {@link #parsing}. */
    private long deadline;
    private boolean parsing;

    private GuardParser(String text) {
        super(new StringProvider(text));
        keepable = text.length() <= MAX_KEPT_LENGTH;
    }

    private void reuse(String text) {
        ReInit(new StringProvider(text));
        jjtree.reset();
        bracketsCounter = 0;
        caseCounter = 0;
        jdbcParameterIndex = 0;
        parseErrors.clear();
        interrupted = false;
        uses++;
    }

    synchronized void startParse(long deadlineNanos) {
        deadline = deadlineNanos;
        parsing = true;
    }

    synchronized void endParse() {
        parsing = false;
    }

    /** Sets the interrupt flag when a parse is running and past its deadline; atomic with its start and end. */
    synchronized void interruptIfPast(long nowNanos) {
        if (parsing && nowNanos - deadline >= 0) {
            interrupted = true;
        }
    }

    /** Idle parsers, at most a few per processor: a burst of threads builds new ones and drops the surplus. */
    static final class Pool {
        private final ArrayBlockingQueue<GuardParser> idle;

        /** A pool that keeps at most {@code capacity} idle parsers; 0 keeps none (every parse builds a new parser). */
        Pool(int capacity) {
            idle = capacity > 0 ? new ArrayBlockingQueue<>(capacity) : null;
        }

        static Pool forThisMachine() {
            return new Pool(2 * Runtime.getRuntime().availableProcessors());
        }

        /** A parser reading {@code text}: an idle one re-initialized, or a new one. */
        GuardParser parserFor(String text) {
            GuardParser parser = idle != null && text.length() <= MAX_KEPT_LENGTH ? idle.poll() : null;
            if (parser == null) {
                return new GuardParser(text);
            }
            parser.reuse(text);
            return parser;
        }

        /**
         * Gives back a parser whose parse ended normally (any other parser must not be given back); {@code false}
         * when the pool dropped it.
         */
        boolean release(GuardParser parser) {
            if (idle == null || parser.interrupted || parser.uses >= MAX_USES || !parser.keepable) {
                return false;
            }
            return idle.offer(parser); // full: dropped
        }

        int idle() {
            return idle == null ? 0 : idle.size();
        }
    }
}
