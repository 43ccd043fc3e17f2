package dev.limitless.benchmarks.baseline;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floors the guard's costs are compared with in docs/performance.md: a cached verdict against a bare
 * {@link ConcurrentHashMap} lookup by the same SQL text, a first analysis against JSqlParser parsing the same text
 * and nothing else. The statement is the guard benchmarks' typical OLTP join.
 */
@State(Scope.Benchmark)
public class GuardBaselineBenchmark {

    /** The same text as the guard benchmarks' OLTP join. */
    static final String OLTP_JOIN = "SELECT a.owner, t.tx_id, t.amount, c.name FROM accounts a"
            + " JOIN transactions t ON t.account_id = a.account_id JOIN currencies c ON c.code = t.currency"
            + " WHERE a.account_id = ? AND t.created_at >= ? ORDER BY t.created_at DESC LIMIT 20";

    private final ConcurrentMap<String, Object> cache = new ConcurrentHashMap<>();
    private long counter;

    @Setup
    public void setUp() {
        cache.put(OLTP_JOIN, new Object());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object baselineMapLookup() {
        return cache.get(OLTP_JOIN);
    }

    /** A new text every call, like the first-analysis benchmark, so nothing inside the parser is reused. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Statement baselineParseOnly() throws ParseException, JSQLParserException {
        return new CCJSqlParser(new StringProvider(OLTP_JOIN + " -- " + counter++)).Statement();
    }
}
