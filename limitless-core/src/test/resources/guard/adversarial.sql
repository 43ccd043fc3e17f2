# Adversarial corpus for the shard-scope guard (GuardAdversarialCorpusTest). Schema: GuardFixture on the local
# emulation with 16 shards (accounts and transactions sharded on account_id and collocated, orders on customer_id,
# items on (item_id, item_cat), currencies reference, audit_log standard, ledger."Entries" sharded on "AccountId"),
# plus what the test creates: sequence order_seq, view adv_orders_view (SELECT * FROM orders), materialized view
# adv_orders_mv, SQL functions adv_all_orders() and adv_orders_of(bigint) (inlinable, SETOF orders),
# adv_count_orders_plain() (PL/pgSQL, counts orders), procedures adv_purge_orders() (deletes every order) and
# adv_touch_audit() (updates audit_log).
#
# One statement per line:   family|label|sql
#   family  f1 parser divergence, f2 clauses a walker can miss, f3 typed values, f4 arrays, f5 name resolution,
#           f6 planner imitation, f7 wrappers and other statement kinds, f8 SQL inside functions,
#           f9 multi-statement texts and hints, f10 lexer traps. Each family mixes shapes that must be refused with
#           ordinary shapes that touch one shard, so over-refusal is measured too.
#   label   oracle       PostgreSQL decides (ShardTouchOracle: EXPLAIN with partition pruning, INSERTs executed and
#                        rolled back): a sharded table on every shard = must-refuse; at most one shard = single;
#                        otherwise multi (may be allowed or refused, but never called SINGLE_SHARD). The test fails
#                        if PostgreSQL cannot plan an oracle-labelled line.
#           must-refuse  by hand, where the planner cannot say (wrappers, multi-statement texts, DO blocks, SQL run
#                        from text, statements that run under other session settings). The test runs each such
#                        line through PgJDBC on PostgreSQL (rolled back) and checks from the statistics and locks of
#                        the partitions that it read, wrote or locked some sharded table on every shard.
#           single       by hand: checked the same way to touch at most one shard; the guard must allow it.
#           allow        the statement carries the exact opt-in comment /* limitless:allow-scatter */ in every
#                        statement of the text that scatters; the guard must allow it.
#           any          no requirement (reported only): plans that do not run (EXPLAIN without ANALYZE, WITH NO
#                        DATA), statements needing state from elsewhere, user-defined routines whose bodies the text
#                        does not show, settings the emulation does not implement.
#           A label may carry bind values after a colon, for JDBC ? placeholders: oracle:7 binds a Long,
#           oracle:7.0 a BigDecimal (sent as numeric), 'x' a String.
#   Multi-statement texts are labelled for what PgJDBC does with them (Statement.execute): it splits the text
#   itself and sends the statements one by one, so a SET earlier in the text (search_path,
#   standard_conforming_strings) applies to how the server reads the later ones. See lexer-cases.txt.
#   The guard is judged on oracle/must-refuse lines (must be refused, with no SINGLE_SHARD verdict for a statement
#   on more than one shard) and on single/allow lines (must be allowed; over-refusal is counted over both).
#   sql     the text as sent, up to the end of the line. Escapes (resolved by the test, nothing else is special; a
#           backslash is a backslash): {{CR}} carriage return, {{LF}} line feed, {{TAB}}, {{FF}} form feed,
#           {{VT}} vertical tab, {{U+XXXX}} any code point. The file is UTF-8; non-ASCII characters are literal.
# Lines starting with # and blank lines are ignored.
f1|oracle|SELECT * FROM orders WHERE customer_id = 7 AND order_id IN (1, 2) OR total > 5
f1|oracle|SELECT * FROM orders WHERE customer_id = 7 AND order_id IN (1, 2) OR order_id = 3
f1|oracle|SELECT * FROM orders WHERE order_id IN (1, 2) OR customer_id = 7
f1|oracle|SELECT * FROM orders WHERE customer_id = 7 AND (order_id IN (1, 2) OR total > 5)
f1|oracle|SELECT * FROM orders WHERE order_id IN (1, 2) AND customer_id = 7
f1|oracle|SELECT * FROM orders WHERE total IN (10, 20) AND customer_id = 7
f1|oracle|DELETE FROM orders WHERE customer_id = 7 AND order_id IN (1, 2) OR total > 5
f1|oracle|DELETE FROM orders WHERE customer_id = 7 AND order_id IN (1, 2) OR order_id = 3
f1|oracle|DELETE FROM orders WHERE order_id IN (1, 2) OR customer_id = 7
f1|oracle|DELETE FROM orders WHERE customer_id = 7 AND (order_id IN (1, 2) OR total > 5)
f1|oracle|DELETE FROM orders WHERE order_id IN (1, 2) AND customer_id = 7
f1|oracle|DELETE FROM orders WHERE total IN (10, 20) AND customer_id = 7
f1|oracle|UPDATE orders SET total = 0 WHERE customer_id = 7 AND order_id IN (1, 2) OR total > 5
f1|oracle|UPDATE orders SET total = 0 WHERE customer_id = 7 AND order_id IN (1, 2) OR order_id = 3
f1|oracle|UPDATE orders SET total = 0 WHERE order_id IN (1, 2) OR customer_id = 7
f1|oracle|UPDATE orders SET total = 0 WHERE customer_id = 7 AND (order_id IN (1, 2) OR total > 5)
f1|oracle|UPDATE orders SET total = 0 WHERE order_id IN (1, 2) AND customer_id = 7
f1|oracle|UPDATE orders SET total = 0 WHERE total IN (10, 20) AND customer_id = 7
f1|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total NOT IN (1, 2) OR account_id = 3
f1|oracle|SELECT * FROM orders WHERE customer_id IN (7) AND order_id IN (1) OR order_id IN (2)
f1|oracle|SELECT * FROM orders WHERE customer_id = 7 AND '{"a": "b"}'::jsonb ->> 'a' = 'b' OR total > 0
f1|oracle|SELECT * FROM orders WHERE '{"a": "b"}'::jsonb ->> 'a' = 'b' AND customer_id = 7
f1|oracle|SELECT * FROM orders WHERE customer_id = 7 AND '{"a": 1}'::jsonb -> 'a' = '1'::jsonb OR order_id = 1
f1|oracle|DELETE FROM orders WHERE customer_id = 7 AND '{"a": {"b": 1}}'::jsonb #>> '{a,b}' = '1' OR total < 100
f1|oracle|UPDATE orders SET total = 1 WHERE '{"a": 1}'::jsonb ->> 'a' = '1' OR customer_id = 7
f1|oracle|SELECT * FROM orders WHERE '{"a": 1}'::jsonb @> '{"a": 1}' AND customer_id = 7
f1|oracle|SELECT * FROM orders WHERE customer_id = 7 AND '{"a": 1}'::jsonb @> '{"a": 1}' OR true
f1|oracle|SELECT * FROM transactions WHERE account_id = 7 AND ('{"c": "EUR"}'::jsonb ->> 'c') IN ('EUR', 'USD')
f1|oracle|SELECT * FROM transactions WHERE currency IN ('EUR', 'USD') AND account_id = 7 AND amount > 0
f1|oracle|SELECT * FROM transactions WHERE account_id = 7 AND currency IN ('EUR') OR currency IN ('USD')
f1|oracle|SELECT * FROM items WHERE item_cat IN ('a', 'b') AND item_id = 3
f1|oracle|SELECT * FROM items WHERE item_id = 3 AND item_cat = 'a' AND name IN ('x') OR name = 'y'
f1|oracle|SELECT * FROM orders WHERE customer_id = 7 AND order_id BETWEEN 1 AND 5 OR total > 5
f1|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total IS NOT NULL OR total IS NULL
f1|oracle|SELECT * FROM orders WHERE NOT (customer_id = 7 AND order_id IN (1, 2))
f1|oracle|SELECT * FROM orders WHERE customer_id = 7 AND order_id IN (SELECT 1) OR total = 2
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 OFFSET (SELECT count(*) FROM transactions)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 OFFSET (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 LIMIT (SELECT count(*) FROM transactions)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 LIMIT (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 ORDER BY order_id FETCH FIRST (SELECT count(*) FROM transactions) ROWS ONLY
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 ORDER BY order_id FETCH FIRST (SELECT count(*) FROM transactions WHERE account_id = 7) ROWS ONLY
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 ORDER BY order_id OFFSET (SELECT count(*) FROM transactions) ROWS FETCH NEXT 1 ROW ONLY
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 ORDER BY order_id OFFSET (SELECT count(*) FROM transactions WHERE account_id = 7) ROWS FETCH NEXT 1 ROW ONLY
f2|oracle|SELECT DISTINCT ON (order_id + (SELECT count(*) FROM transactions)) * FROM orders WHERE customer_id = 7
f2|oracle|SELECT DISTINCT ON (order_id + (SELECT count(*) FROM transactions WHERE account_id = 7)) * FROM orders WHERE customer_id = 7
f2|oracle|SELECT sum(total) OVER (PARTITION BY order_id + (SELECT count(*) FROM transactions)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT sum(total) OVER (PARTITION BY order_id + (SELECT count(*) FROM transactions WHERE account_id = 7)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT sum(total) OVER (ORDER BY (SELECT count(*) FROM transactions)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT sum(total) OVER (ORDER BY (SELECT count(*) FROM transactions WHERE account_id = 7)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT sum(total) OVER w FROM orders WHERE customer_id = 7 WINDOW w AS (PARTITION BY (SELECT count(*) FROM transactions))
f2|oracle|SELECT sum(total) OVER w FROM orders WHERE customer_id = 7 WINDOW w AS (PARTITION BY (SELECT count(*) FROM transactions WHERE account_id = 7))
f2|oracle|SELECT count(*) FILTER (WHERE order_id > (SELECT count(*) FROM transactions)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT count(*) FILTER (WHERE order_id > (SELECT count(*) FROM transactions WHERE account_id = 7)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY total + (SELECT count(*) FROM transactions)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY total + (SELECT count(*) FROM transactions WHERE account_id = 7)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT order_id, count(*) FROM orders WHERE customer_id = 7 GROUP BY GROUPING SETS ((order_id), (order_id + (SELECT count(*) FROM transactions)))
f2|oracle|SELECT order_id, count(*) FROM orders WHERE customer_id = 7 GROUP BY GROUPING SETS ((order_id), (order_id + (SELECT count(*) FROM transactions WHERE account_id = 7)))
f2|oracle|SELECT order_id, count(*) FROM orders WHERE customer_id = 7 GROUP BY ROLLUP (order_id, order_id + (SELECT count(*) FROM transactions))
f2|oracle|SELECT order_id, count(*) FROM orders WHERE customer_id = 7 GROUP BY ROLLUP (order_id, order_id + (SELECT count(*) FROM transactions WHERE account_id = 7))
f2|oracle|SELECT order_id, count(*) FROM orders WHERE customer_id = 7 GROUP BY CUBE (order_id, order_id + (SELECT count(*) FROM transactions))
f2|oracle|SELECT order_id, count(*) FROM orders WHERE customer_id = 7 GROUP BY CUBE (order_id, order_id + (SELECT count(*) FROM transactions WHERE account_id = 7))
f2|oracle|SELECT order_id, count(*) FROM orders WHERE customer_id = 7 GROUP BY order_id HAVING count(*) < (SELECT count(*) FROM transactions)
f2|oracle|SELECT order_id, count(*) FROM orders WHERE customer_id = 7 GROUP BY order_id HAVING count(*) < (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 ORDER BY order_id + (SELECT count(*) FROM transactions)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 ORDER BY order_id + (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|SELECT substring('abcdef' FROM (SELECT count(*) FROM transactions)::int FOR 2) FROM orders WHERE customer_id = 7
f2|oracle|SELECT substring('abcdef' FROM (SELECT count(*) FROM transactions WHERE account_id = 7)::int FOR 2) FROM orders WHERE customer_id = 7
f2|oracle|SELECT substring('abcdef' FOR (SELECT count(*) FROM transactions)::int) FROM orders WHERE customer_id = 7
f2|oracle|SELECT substring('abcdef' FOR (SELECT count(*) FROM transactions WHERE account_id = 7)::int) FROM orders WHERE customer_id = 7
f2|oracle|SELECT position(((SELECT count(*) FROM transactions))::text IN 'abc') FROM orders WHERE customer_id = 7
f2|oracle|SELECT position(((SELECT count(*) FROM transactions WHERE account_id = 7))::text IN 'abc') FROM orders WHERE customer_id = 7
f2|oracle|SELECT overlay('abcdef' PLACING ((SELECT count(*) FROM transactions))::text FROM 2 FOR 1) FROM orders WHERE customer_id = 7
f2|oracle|SELECT overlay('abcdef' PLACING ((SELECT count(*) FROM transactions WHERE account_id = 7))::text FROM 2 FOR 1) FROM orders WHERE customer_id = 7
f2|oracle|SELECT trim(BOTH ((SELECT count(*) FROM transactions))::text FROM 'xax') FROM orders WHERE customer_id = 7
f2|oracle|SELECT trim(BOTH ((SELECT count(*) FROM transactions WHERE account_id = 7))::text FROM 'xax') FROM orders WHERE customer_id = 7
f2|oracle|SELECT extract(day FROM now() + (SELECT count(*) FROM transactions) * interval '1 day') FROM orders WHERE customer_id = 7
f2|oracle|SELECT extract(day FROM now() + (SELECT count(*) FROM transactions WHERE account_id = 7) * interval '1 day') FROM orders WHERE customer_id = 7
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND 'abc' LIKE 'a%' ESCAPE left(((SELECT count(*) FROM transactions))::text, 1)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND 'abc' LIKE 'a%' ESCAPE left(((SELECT count(*) FROM transactions WHERE account_id = 7))::text, 1)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND 'abc' LIKE ((SELECT count(*) FROM transactions))::text
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND 'abc' LIKE ((SELECT count(*) FROM transactions WHERE account_id = 7))::text
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND 'abc' SIMILAR TO ((SELECT count(*) FROM transactions))::text
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND 'abc' SIMILAR TO ((SELECT count(*) FROM transactions WHERE account_id = 7))::text
f2|oracle|SELECT * FROM orders o, unnest(ARRAY(SELECT amount FROM transactions)) u WHERE o.customer_id = 7
f2|oracle|SELECT * FROM orders o, unnest(ARRAY(SELECT amount FROM transactions WHERE account_id = 7)) u WHERE o.customer_id = 7
f2|oracle|SELECT * FROM unnest(ARRAY(SELECT amount FROM transactions)) u
f2|oracle|SELECT * FROM unnest(ARRAY(SELECT amount FROM transactions WHERE account_id = 7)) u
f2|oracle|SELECT * FROM generate_series(1, (SELECT count(*) FROM transactions)) g
f2|oracle|SELECT * FROM generate_series(1, (SELECT count(*) FROM transactions WHERE account_id = 7)) g
f2|oracle|SELECT * FROM orders o JOIN generate_series(1, (SELECT count(*) FROM transactions)) g ON g = o.order_id WHERE o.customer_id = 7
f2|oracle|SELECT * FROM orders o JOIN generate_series(1, (SELECT count(*) FROM transactions WHERE account_id = 7)) g ON g = o.order_id WHERE o.customer_id = 7
f2|oracle|SELECT * FROM orders o, LATERAL (SELECT amount FROM transactions t) x WHERE o.customer_id = 7
f2|oracle|SELECT * FROM orders o, LATERAL (SELECT amount FROM transactions t WHERE account_id = 7) x WHERE o.customer_id = 7
f2|oracle|SELECT * FROM orders o CROSS JOIN LATERAL generate_series(1, (SELECT count(*) FROM transactions)) g WHERE o.customer_id = 7
f2|oracle|SELECT * FROM orders o CROSS JOIN LATERAL generate_series(1, (SELECT count(*) FROM transactions WHERE account_id = 7)) g WHERE o.customer_id = 7
f2|oracle|SELECT * FROM (VALUES (1), ((SELECT count(*) FROM transactions))) v(x)
f2|oracle|SELECT * FROM (VALUES (1), ((SELECT count(*) FROM transactions WHERE account_id = 7))) v(x)
f2|oracle|SELECT * FROM orders o JOIN (VALUES (1, (SELECT count(*) FROM transactions))) v(a, b) ON v.a = o.order_id WHERE o.customer_id = 7
f2|oracle|SELECT * FROM orders o JOIN (VALUES (1, (SELECT count(*) FROM transactions WHERE account_id = 7))) v(a, b) ON v.a = o.order_id WHERE o.customer_id = 7
f2|oracle|INSERT INTO orders (customer_id, order_id, total) VALUES (7, 9001, (SELECT count(*) FROM transactions))
f2|oracle|INSERT INTO orders (customer_id, order_id, total) VALUES (7, 9001, (SELECT count(*) FROM transactions WHERE account_id = 7))
f2|oracle|INSERT INTO orders (customer_id, order_id, total) SELECT 7, 9002, (SELECT count(*) FROM transactions)
f2|oracle|INSERT INTO orders (customer_id, order_id, total) SELECT 7, 9002, (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|UPDATE orders SET total = 1 WHERE customer_id = 7 RETURNING (SELECT count(*) FROM transactions)
f2|oracle|UPDATE orders SET total = 1 WHERE customer_id = 7 RETURNING (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|DELETE FROM orders WHERE customer_id = 7 AND order_id = 1 RETURNING order_id + (SELECT count(*) FROM transactions)
f2|oracle|DELETE FROM orders WHERE customer_id = 7 AND order_id = 1 RETURNING order_id + (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|INSERT INTO orders (customer_id, order_id) VALUES (7, 9003) RETURNING (SELECT count(*) FROM transactions)
f2|oracle|INSERT INTO orders (customer_id, order_id) VALUES (7, 9003) RETURNING (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|INSERT INTO orders (customer_id, order_id, total) VALUES (7, 1, 0) ON CONFLICT (customer_id, order_id) DO UPDATE SET total = (SELECT count(*) FROM transactions)
f2|oracle|INSERT INTO orders (customer_id, order_id, total) VALUES (7, 1, 0) ON CONFLICT (customer_id, order_id) DO UPDATE SET total = (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|INSERT INTO orders (customer_id, order_id, total) VALUES (7, 1, 0) ON CONFLICT (customer_id, order_id) DO UPDATE SET total = 1 WHERE orders.total < (SELECT count(*) FROM transactions)
f2|oracle|INSERT INTO orders (customer_id, order_id, total) VALUES (7, 1, 0) ON CONFLICT (customer_id, order_id) DO UPDATE SET total = 1 WHERE orders.total < (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|UPDATE orders SET total = (SELECT count(*) FROM transactions) WHERE customer_id = 7
f2|oracle|UPDATE orders SET total = (SELECT count(*) FROM transactions WHERE account_id = 7) WHERE customer_id = 7
f2|oracle|UPDATE orders SET total = CASE WHEN total > 0 THEN (SELECT count(*) FROM transactions) ELSE 0 END WHERE customer_id = 7
f2|oracle|UPDATE orders SET total = CASE WHEN total > 0 THEN (SELECT count(*) FROM transactions WHERE account_id = 7) ELSE 0 END WHERE customer_id = 7
f2|oracle|SELECT CASE WHEN total > (SELECT count(*) FROM transactions) THEN 1 ELSE 0 END FROM orders WHERE customer_id = 7
f2|oracle|SELECT CASE WHEN total > (SELECT count(*) FROM transactions WHERE account_id = 7) THEN 1 ELSE 0 END FROM orders WHERE customer_id = 7
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND CASE (SELECT count(*) FROM transactions) WHEN 0 THEN true ELSE false END
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND CASE (SELECT count(*) FROM transactions WHERE account_id = 7) WHEN 0 THEN true ELSE false END
f2|oracle|SELECT coalesce(total, (SELECT count(*) FROM transactions)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT coalesce(total, (SELECT count(*) FROM transactions WHERE account_id = 7)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT nullif(total, (SELECT count(*) FROM transactions)), greatest(total, (SELECT count(*) FROM transactions)), least(1, 2) FROM orders WHERE customer_id = 7
f2|oracle|SELECT nullif(total, (SELECT count(*) FROM transactions WHERE account_id = 7)), greatest(total, (SELECT count(*) FROM transactions WHERE account_id = 7)), least(1, 2) FROM orders WHERE customer_id = 7
f2|oracle|SELECT * FROM orders WHERE (customer_id, order_id) = (7, (SELECT count(*) FROM transactions))
f2|oracle|SELECT * FROM orders WHERE (customer_id, order_id) = (7, (SELECT count(*) FROM transactions WHERE account_id = 7))
f2|oracle|SELECT ROW(order_id, (SELECT count(*) FROM transactions)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT ROW(order_id, (SELECT count(*) FROM transactions WHERE account_id = 7)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT (ARRAY[1, 2, 3])[(SELECT count(*) FROM transactions)] FROM orders WHERE customer_id = 7
f2|oracle|SELECT (ARRAY[1, 2, 3])[(SELECT count(*) FROM transactions WHERE account_id = 7)] FROM orders WHERE customer_id = 7
f2|oracle|SELECT (ARRAY[1, 2, 3])[1:(SELECT count(*) FROM transactions)] FROM orders WHERE customer_id = 7
f2|oracle|SELECT (ARRAY[1, 2, 3])[1:(SELECT count(*) FROM transactions WHERE account_id = 7)] FROM orders WHERE customer_id = 7
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total IS DISTINCT FROM (SELECT count(*) FROM transactions)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total IS DISTINCT FROM (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total IS NOT DISTINCT FROM (SELECT count(*) FROM transactions)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total IS NOT DISTINCT FROM (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|SELECT (SELECT count(*) FROM transactions), * FROM orders WHERE customer_id = 7
f2|oracle|SELECT (SELECT count(*) FROM transactions WHERE account_id = 7), * FROM orders WHERE customer_id = 7
f2|oracle|SELECT order_id IN (SELECT tx_id FROM transactions) FROM orders WHERE customer_id = 7
f2|oracle|SELECT order_id IN (SELECT tx_id FROM transactions WHERE account_id = 7) FROM orders WHERE customer_id = 7
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND EXISTS (SELECT 1 FROM transactions)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND EXISTS (SELECT 1 FROM transactions WHERE account_id = 7)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total > ALL (SELECT amount FROM transactions)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total > ALL (SELECT amount FROM transactions WHERE account_id = 7)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total = ANY (SELECT amount FROM transactions)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total = ANY (SELECT amount FROM transactions WHERE account_id = 7)
f2|oracle|SELECT format('%s', (SELECT count(*) FROM transactions)), jsonb_build_object('n', (SELECT count(*) FROM transactions)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT format('%s', (SELECT count(*) FROM transactions WHERE account_id = 7)), jsonb_build_object('n', (SELECT count(*) FROM transactions WHERE account_id = 7)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT array_agg(order_id ORDER BY order_id + (SELECT count(*) FROM transactions)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT array_agg(order_id ORDER BY order_id + (SELECT count(*) FROM transactions WHERE account_id = 7)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT string_agg(order_id::text, ((SELECT count(*) FROM transactions))::text) FROM orders WHERE customer_id = 7
f2|oracle|SELECT string_agg(order_id::text, ((SELECT count(*) FROM transactions WHERE account_id = 7))::text) FROM orders WHERE customer_id = 7
f2|oracle|SELECT sum(total) OVER (ORDER BY order_id ROWS BETWEEN (SELECT count(*) FROM transactions) PRECEDING AND CURRENT ROW) FROM orders WHERE customer_id = 7
f2|oracle|SELECT sum(total) OVER (ORDER BY order_id ROWS BETWEEN (SELECT count(*) FROM transactions WHERE account_id = 7) PRECEDING AND CURRENT ROW) FROM orders WHERE customer_id = 7
f2|oracle|SELECT now() AT TIME ZONE ((SELECT count(*) FROM transactions))::text FROM orders WHERE customer_id = 7
f2|oracle|SELECT now() AT TIME ZONE ((SELECT count(*) FROM transactions WHERE account_id = 7))::text FROM orders WHERE customer_id = 7
f2|oracle|SELECT xmlelement(name x, (SELECT count(*) FROM transactions)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT xmlelement(name x, (SELECT count(*) FROM transactions WHERE account_id = 7)) FROM orders WHERE customer_id = 7
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND order_id BETWEEN SYMMETRIC 1 AND (SELECT count(*) FROM transactions)
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND order_id BETWEEN SYMMETRIC 1 AND (SELECT count(*) FROM transactions WHERE account_id = 7)
f2|oracle|SELECT CAST((SELECT count(*) FROM transactions) AS text) FROM orders WHERE customer_id = 7
f2|oracle|SELECT CAST((SELECT count(*) FROM transactions WHERE account_id = 7) AS text) FROM orders WHERE customer_id = 7
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total::text COLLATE "C" > ((SELECT count(*) FROM transactions))::text
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total::text COLLATE "C" > ((SELECT count(*) FROM transactions WHERE account_id = 7))::text
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND (SELECT (SELECT count(*) FROM transactions)) > 0
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND (SELECT (SELECT count(*) FROM transactions WHERE account_id = 7)) > 0
f2|oracle|SELECT DISTINCT ON (order_id) * FROM orders WHERE customer_id = 7 ORDER BY order_id, total
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 ORDER BY order_id OFFSET 5 LIMIT 10
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 ORDER BY total FETCH FIRST 3 ROWS WITH TIES
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 FOR UPDATE SKIP LOCKED
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 FOR NO KEY UPDATE OF orders NOWAIT
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND (customer_id, order_id) = (7, 1)
f2|oracle|SELECT * FROM orders WHERE ROW(customer_id, order_id) = ROW(7, 1)
f2|oracle|SELECT * FROM orders WHERE (customer_id, order_id) IN ((7, 1), (7, 2))
f2|oracle|SELECT * FROM orders WHERE (customer_id, order_id) > (7, 1)
f2|oracle|SELECT * FROM orders WHERE customer_id IS NOT DISTINCT FROM 7
f2|oracle|SELECT * FROM orders WHERE customer_id = coalesce(7, 8)
f2|oracle|SELECT * FROM orders WHERE customer_id = CASE WHEN true THEN 7 ELSE 8 END
f2|oracle|SELECT * FROM orders WHERE CASE WHEN customer_id = 7 THEN true ELSE false END
f2|oracle|SELECT * FROM orders WHERE coalesce(customer_id, 0) = 7
f2|oracle|SELECT * FROM orders WHERE customer_id = (ARRAY[7, 8])[1]
f2|oracle|SELECT * FROM orders WHERE customer_id = length('abcdefg')
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total = (ARRAY[1, 2])[2]
f2|oracle|SELECT * FROM orders WHERE customer_id = 7 LIMIT ALL
f2|oracle|SELECT * FROM (VALUES (7), (8)) v(k) JOIN orders o ON o.customer_id = v.k
f2|oracle|SELECT * FROM (VALUES (7)) v(k) JOIN orders o ON o.customer_id = v.k
f2|oracle|SELECT * FROM orders o JOIN LATERAL (SELECT * FROM transactions t WHERE t.account_id = o.customer_id) x ON true WHERE o.customer_id = 7
f2|oracle|SELECT * FROM generate_series(7, 7) g JOIN orders o ON o.customer_id = g
f2|oracle|SELECT * FROM unnest(ARRAY[7]::bigint[]) u(k) JOIN orders o ON o.customer_id = u.k
f2|oracle|INSERT INTO orders (customer_id, order_id) SELECT g, 9300 + g FROM generate_series(1, 40) g
f2|oracle|INSERT INTO orders (customer_id, order_id) VALUES (1, 9401), (2, 9402), (3, 9403), (4, 9404), (5, 9405), (6, 9406), (7, 9407), (8, 9408), (9, 9409), (10, 9410), (11, 9411), (12, 9412), (13, 9413), (14, 9414), (15, 9415), (16, 9416), (17, 9417), (18, 9418), (19, 9419), (20, 9420), (21, 9421), (22, 9422), (23, 9423), (24, 9424), (25, 9425), (26, 9426), (27, 9427), (28, 9428), (29, 9429), (30, 9430), (31, 9431), (32, 9432), (33, 9433), (34, 9434), (35, 9435), (36, 9436), (37, 9437), (38, 9438), (39, 9439), (40, 9440)
f2|oracle|INSERT INTO orders (customer_id, order_id) VALUES (7, 9501), (7, 9502)
f2|oracle|INSERT INTO orders (customer_id, order_id) SELECT customer_id, order_id + 10000 FROM orders
f2|oracle|INSERT INTO orders (customer_id, order_id) SELECT 7, order_id + 10000 FROM orders WHERE customer_id = 7
f2|oracle|INSERT INTO transactions (account_id, tx_id) SELECT account_id, 10000 FROM accounts WHERE account_id = 7
f2|oracle|INSERT INTO orders (order_id, customer_id) VALUES (9601, 7)
f2|oracle|INSERT INTO orders VALUES (7, 9602)
f2|oracle|INSERT INTO orders (customer_id, order_id) VALUES (7, 9603) ON CONFLICT (customer_id, order_id) DO UPDATE SET total = excluded.total
f2|oracle|INSERT INTO orders (customer_id, order_id) SELECT 7, 9604 WHERE EXISTS (SELECT 1 FROM transactions)
f3|oracle|SELECT * FROM orders WHERE customer_id = 7.0
f3|oracle|SELECT * FROM orders WHERE customer_id = 7.5
f3|oracle|SELECT * FROM orders WHERE customer_id = 1e1
f3|oracle|SELECT * FROM orders WHERE customer_id = 7e0
f3|oracle|SELECT * FROM orders WHERE customer_id = 0.7e1
f3|oracle|SELECT * FROM orders WHERE customer_id = 7::numeric
f3|oracle|SELECT * FROM orders WHERE customer_id = CAST(7 AS numeric)
f3|oracle|SELECT * FROM orders WHERE customer_id = 7::double precision
f3|oracle|SELECT * FROM orders WHERE customer_id = 7::float8
f3|oracle|SELECT * FROM orders WHERE customer_id = 7::real
f3|oracle|SELECT * FROM orders WHERE customer_id = '7'::numeric
f3|oracle|SELECT * FROM orders WHERE customer_id = 9223372036854775808
f3|oracle|SELECT * FROM orders WHERE customer_id = 99999999999999999999
f3|oracle|SELECT * FROM orders WHERE customer_id = -9223372036854775809
f3|oracle|SELECT * FROM orders WHERE customer_id = 7.0::bigint
f3|oracle|SELECT * FROM orders WHERE customer_id = 7::bigint::numeric
f3|oracle|SELECT * FROM orders WHERE customer_id = '7'
f3|oracle|SELECT * FROM orders WHERE customer_id = 7::bigint
f3|oracle|SELECT * FROM orders WHERE customer_id = 7::int
f3|oracle|SELECT * FROM orders WHERE customer_id = 7::smallint
f3|oracle|SELECT * FROM orders WHERE customer_id = '7'::int8
f3|oracle|SELECT * FROM orders WHERE customer_id = CAST('7' AS bigint)
f3|oracle|SELECT * FROM orders WHERE customer_id = +7
f3|oracle|SELECT * FROM orders WHERE customer_id = -(-7)
f3|oracle|SELECT * FROM orders WHERE customer_id = 3 + 4
f3|oracle|SELECT * FROM orders WHERE customer_id = (7)
f3|oracle|SELECT * FROM orders WHERE customer_id = 7::bigint + 0
f3|oracle|SELECT * FROM orders WHERE customer_id = '7'::text::bigint
f3|oracle|DELETE FROM orders WHERE customer_id = 7.0
f3|oracle|UPDATE accounts SET balance = 0 WHERE account_id = 7.0
f3|oracle|DELETE FROM orders WHERE customer_id = 1e1
f3|oracle|UPDATE accounts SET balance = 0 WHERE account_id = 1e1
f3|oracle|DELETE FROM orders WHERE customer_id = 7::numeric
f3|oracle|UPDATE accounts SET balance = 0 WHERE account_id = 7::numeric
f3|oracle|DELETE FROM orders WHERE customer_id = '7'
f3|oracle|UPDATE accounts SET balance = 0 WHERE account_id = '7'
f3|oracle|SELECT * FROM orders WHERE customer_id::text = '7'
f3|oracle|SELECT * FROM orders WHERE customer_id::numeric = 7
f3|oracle|SELECT * FROM orders WHERE customer_id IN (7.0, 8.0)
f3|oracle|SELECT * FROM ledger."Entries" WHERE "AccountId" = 7.0
f3|oracle|SELECT * FROM ledger."Entries" WHERE "AccountId" = '7'
f3|oracle|SELECT * FROM accounts a JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = 7.0
f3|oracle|SELECT * FROM accounts a JOIN transactions t ON t.account_id::numeric = a.account_id WHERE a.account_id = 7
f3|oracle:7|SELECT * FROM orders WHERE customer_id = ?
f3|oracle:7.0|SELECT * FROM orders WHERE customer_id = ?
f3|oracle:7|SELECT * FROM orders WHERE customer_id = ?::numeric
f3|oracle:7|SELECT * FROM orders WHERE customer_id = CAST(? AS double precision)
f3|oracle:7|SELECT * FROM orders WHERE customer_id = ?::bigint
f3|oracle:7.0|DELETE FROM orders WHERE customer_id = ?
f3|oracle:7|UPDATE orders SET total = 0 WHERE customer_id = ?::numeric
f3|oracle:7.5|SELECT * FROM accounts WHERE account_id = ?
f3|oracle|INSERT INTO orders (customer_id, order_id) VALUES (7.0, 9101)
f3|oracle|INSERT INTO orders (customer_id, order_id) VALUES (7.4, 9102)
f3|oracle|INSERT INTO orders (customer_id, order_id) VALUES ('7', 9103)
f3|oracle|INSERT INTO orders (customer_id, order_id) VALUES (1e1, 9104)
f3|oracle:7.0|INSERT INTO orders (customer_id, order_id) VALUES (?, 9105)
f3|oracle|SELECT * FROM items WHERE item_id = 3 AND item_cat = 'b'
f3|oracle|SELECT * FROM items WHERE item_id = 3 AND item_cat = 'b'::varchar
f3|oracle|SELECT * FROM items WHERE item_id = 3 AND item_cat = 'b'::char(1)
f3|oracle|SELECT * FROM items WHERE item_id = 3 AND item_cat = 'b'::name
f3|oracle|SELECT * FROM items WHERE item_id = 3 AND item_cat = 'b' COLLATE "C"
f3|oracle|SELECT * FROM items WHERE item_id = 3.0 AND item_cat = 'b'
f3|oracle|SELECT * FROM items WHERE item_id = 3 AND item_cat = E'b'
f3|oracle|SELECT * FROM items WHERE item_id = 3 AND item_cat = $$b$$
f3|oracle|SELECT * FROM items WHERE item_id = 3 AND item_cat = U&'\0062'
f3|oracle|SELECT * FROM items WHERE item_id = 3 AND item_cat::varchar = 'b'
f3|oracle|SELECT * FROM items WHERE item_id = 3 AND lower(item_cat) = 'b'
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY[7])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY[7, 8])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY[customer_id])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY[order_id, 7])
f4|oracle|SELECT * FROM orders WHERE 7 = ANY(ARRAY[customer_id])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY(SELECT account_id FROM accounts WHERE account_id = 7))
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY(SELECT 7::bigint))
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY(SELECT generate_series(1, 60)::bigint))
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY('{7}')
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY('{7,8}')
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY('{7}'::bigint[])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY('{7}'::numeric[])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY[7.0])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY[7]::numeric[])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60}')
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60}'::bigint[])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40])
f4|oracle|SELECT * FROM orders WHERE customer_id IN (1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40)
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(string_to_array('7', ',')::bigint[])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(string_to_array('7,8', ',')::bigint[])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(string_to_array('1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40', ',')::bigint[])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(regexp_split_to_array('1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40', ',')::bigint[])
f4|oracle|SELECT * FROM orders WHERE customer_id = ALL(ARRAY[7])
f4|oracle|SELECT * FROM orders WHERE customer_id = ALL(ARRAY[7, 8])
f4|oracle|SELECT * FROM orders WHERE customer_id <> ALL(ARRAY[7])
f4|oracle|SELECT * FROM orders WHERE customer_id <> ANY(ARRAY[7])
f4|oracle|SELECT * FROM orders WHERE customer_id > ANY(ARRAY[7])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY[7, NULL])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY[7] || ARRAY[8])
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(array_append(ARRAY[7], 8))
f4|oracle|SELECT * FROM orders WHERE customer_id IN (SELECT unnest(ARRAY[7, 8]))
f4|oracle|SELECT * FROM orders WHERE customer_id IN (SELECT unnest('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60}'::bigint[]))
f4|oracle|SELECT * FROM orders WHERE customer_id = ANY(ARRAY[ARRAY[7]])
f4|oracle|SELECT * FROM orders WHERE (customer_id, order_id) = ANY(ARRAY[ROW(7::bigint, 1::bigint)])
f4|oracle|SELECT * FROM items WHERE (item_id, item_cat) = ANY(ARRAY[(3::bigint, 'b'::text)])
f4|oracle|SELECT * FROM items WHERE item_id = ANY(ARRAY[3]) AND item_cat = ANY(ARRAY['b'])
f4|oracle|SELECT * FROM items WHERE item_id = ANY(ARRAY[3, 4]) AND item_cat = 'b'
f4|oracle|DELETE FROM orders WHERE customer_id = ANY(ARRAY[customer_id])
f4|oracle|UPDATE orders SET total = 0 WHERE customer_id = ANY('{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60}')
f4|oracle|DELETE FROM orders WHERE customer_id = ANY(ARRAY(SELECT account_id FROM accounts WHERE account_id = 7))
f4|oracle|DELETE FROM orders WHERE customer_id = ANY(ARRAY[7])
f4|oracle|UPDATE orders SET total = 0 WHERE customer_id = ANY('{7}')
f4|oracle|SELECT * FROM accounts WHERE account_id = ANY(ARRAY[7, 7, 7])
f4|oracle|SELECT * FROM accounts WHERE account_id = ANY(ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20])
f5|oracle|SELECT * FROM orders AS o(a, b) WHERE a = 7
f5|oracle|SELECT * FROM orders AS o(a, b) WHERE b = 7
f5|oracle|SELECT * FROM orders AS o(order_id, customer_id) WHERE customer_id = 7
f5|oracle|SELECT * FROM orders AS o(order_id, customer_id) WHERE o.customer_id = 7
f5|oracle|SELECT * FROM orders AS o(order_id, customer_id) WHERE order_id = 7
f5|oracle|DELETE FROM orders WHERE customer_id IN (SELECT customer_id FROM orders AS o(order_id, customer_id) WHERE customer_id = 7)
f5|oracle|SELECT * FROM orders o(x) WHERE o.x = 7
f5|oracle|SELECT * FROM orders o(x) WHERE x = 7
f5|oracle|SELECT * FROM accounts a(k) JOIN transactions t ON t.account_id = a.k WHERE a.k = 7
f5|oracle|SELECT * FROM accounts a(k) JOIN transactions t(k) USING (k) WHERE k = 7
f5|oracle|SELECT * FROM accounts a JOIN transactions t(x, account_id) USING (account_id) WHERE account_id = 7
f5|oracle|SELECT * FROM accounts a JOIN transactions t(x, account_id) USING (account_id) WHERE a.account_id = 7
f5|oracle|SELECT * FROM accounts a JOIN transactions USING (account_id) WHERE account_id = 7
f5|oracle|SELECT * FROM accounts NATURAL JOIN transactions WHERE account_id = 7
f5|oracle|SELECT * FROM accounts a(x) NATURAL JOIN transactions WHERE x = 7
f5|oracle|SELECT * FROM accounts NATURAL JOIN transactions t(account_id, y) WHERE account_id = 7
f5|oracle|SELECT * FROM orders NATURAL JOIN accounts WHERE customer_id = 7
f5|oracle|SELECT * FROM orders NATURAL JOIN accounts WHERE account_id = 7
f5|oracle|WITH c(customer_id, order_id) AS (SELECT order_id, customer_id FROM orders) SELECT * FROM c WHERE customer_id = 7
f5|oracle|WITH c(customer_id, order_id) AS (SELECT order_id, customer_id FROM orders) SELECT * FROM c WHERE order_id = 7
f5|oracle|WITH c(k) AS (SELECT customer_id FROM orders) SELECT * FROM c WHERE k = 7
f5|oracle|WITH c AS (SELECT order_id AS customer_id FROM orders) SELECT * FROM c WHERE customer_id = 7
f5|oracle|SELECT * FROM (SELECT order_id AS customer_id, customer_id AS order_id FROM orders) d WHERE customer_id = 7
f5|oracle|SELECT * FROM (SELECT order_id, customer_id FROM orders) d(customer_id, order_id) WHERE customer_id = 7
f5|oracle|SELECT * FROM (SELECT order_id, customer_id FROM orders) d(customer_id, order_id) WHERE order_id = 7
f5|oracle|SELECT * FROM (SELECT customer_id + 0 AS customer_id FROM orders) d WHERE customer_id = 7
f5|oracle|SELECT * FROM (SELECT * FROM orders) d(k) WHERE k = 7
f5|oracle|WITH orders AS (SELECT account_id AS customer_id FROM accounts) SELECT * FROM orders WHERE customer_id = 7
f5|oracle|WITH accounts AS (SELECT customer_id AS account_id FROM orders) SELECT * FROM accounts WHERE account_id = 7
f5|oracle|SELECT * FROM orders accounts WHERE accounts.customer_id = 7
f5|oracle|SELECT * FROM accounts orders WHERE orders.account_id = 7
f5|oracle|SELECT * FROM accounts orders, orders accounts WHERE orders.account_id = 7
f5|oracle|SELECT * FROM orders WHERE U&"customer\005fid" = 7
f5|oracle|SELECT * FROM orders WHERE U&"order\005fid" = 7
f5|oracle|SELECT * FROM U&"\006frders" WHERE customer_id = 7
f5|oracle|SELECT * FROM U&"\006frders"
f5|oracle|SELECT * FROM U&"!006frders" UESCAPE '!'
f5|oracle|DELETE FROM U&"\006frders"
f5|oracle|SELECT * FROM "orders" WHERE "customer_id" = 7
f5|oracle|SELECT * FROM ORDERS WHERE CUSTOMER_ID = 7
f5|oracle|SELECT * FROM Orders WHERE Customer_Id = 7 OR Total > 0
f5|oracle|SELECT * FROM public.orders WHERE customer_id = 7
f5|oracle|SELECT * FROM "public"."orders"
f5|oracle|SELECT * FROM PUBLIC . ORDERS
f5|oracle|SELECT * FROM ledger."Entries" WHERE "AccountId" = 7
f5|oracle|SELECT * FROM ledger."Entries" e WHERE e."AccountId" = 7 OR e.amount > 0
f5|oracle|SELECT * FROM LEDGER."Entries"
f5|oracle|SELECT * FROM ledger."Entries" AS e(a) WHERE a = 7
f5|oracle|SELECT * FROM ledger."Entries" AS e(entry_id, "AccountId") WHERE "AccountId" = 7
f5|oracle|SELECT * FROM ledger.U&"\0045ntries"
f5|oracle|SELECT * FROM orders ö WHERE ö.customer_id = 7
f5|oracle|SELECT * FROM orders AS é WHERE customer_id = 7 OR é.total > 0
f5|oracle|SELECT * FROM adv_orders_view
f5|oracle|SELECT * FROM adv_orders_view WHERE customer_id = 7
f5|oracle|SELECT * FROM adv_all_orders()
f5|oracle|SELECT * FROM adv_orders_of(7)
f5|oracle|SELECT * FROM ONLY orders WHERE customer_id = 7
f5|oracle|SELECT * FROM orders o WHERE customer_id = 7 AND EXISTS (SELECT 1 FROM accounts WHERE account_id = customer_id)
f5|oracle|SELECT * FROM orders o WHERE customer_id = 7 AND EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = o.customer_id)
f5|oracle|SELECT * FROM transactions WHERE account_id = 7 AND EXISTS (SELECT 1 FROM accounts WHERE account_id = account_id)
f5|oracle|SELECT * FROM transactions t WHERE t.account_id = 7 AND EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = t.account_id)
f5|must-refuse|SET search_path = ledger; SELECT * FROM "Entries"
f5|must-refuse|SELECT set_config('search_path', 'ledger, public', false); SELECT * FROM "Entries" WHERE entry_id = 1
f5|single|SET search_path = ledger, public; SELECT * FROM "Entries" WHERE "AccountId" = 7
f6|oracle|SELECT * FROM accounts a LEFT JOIN (SELECT * FROM transactions WHERE account_id = 7) t ON t.account_id = a.account_id
f6|oracle|SELECT * FROM (SELECT * FROM transactions WHERE account_id = 7) t RIGHT JOIN accounts a ON t.account_id = a.account_id
f6|oracle|SELECT * FROM accounts a FULL JOIN (SELECT * FROM transactions WHERE account_id = 7) t ON t.account_id = a.account_id
f6|oracle|WITH t AS (SELECT * FROM transactions WHERE account_id = 7) SELECT * FROM accounts a LEFT JOIN t USING (account_id)
f6|oracle|WITH t AS MATERIALIZED (SELECT * FROM transactions WHERE account_id = 7) SELECT * FROM accounts a LEFT JOIN t USING (account_id)
f6|oracle|SELECT * FROM accounts a LEFT JOIN transactions t ON t.account_id = a.account_id AND t.account_id = 7
f6|oracle|SELECT * FROM accounts a LEFT JOIN transactions t ON t.account_id = a.account_id AND a.account_id = 7
f6|oracle|SELECT * FROM accounts a LEFT JOIN transactions t ON t.account_id = a.account_id WHERE t.account_id = 7
f6|oracle|SELECT * FROM accounts a LEFT JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = 7
f6|oracle|SELECT * FROM accounts a LEFT JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = 7 AND t.account_id IS NULL
f6|oracle|SELECT * FROM accounts a LEFT JOIN transactions t ON t.account_id = a.account_id WHERE t.account_id IS NULL
f6|oracle|SELECT * FROM accounts a LEFT JOIN LATERAL (SELECT * FROM transactions WHERE account_id = 7) t ON true WHERE a.account_id = 7
f6|oracle|SELECT * FROM accounts a LEFT JOIN orders o ON o.customer_id = 7 WHERE a.account_id = 7
f6|oracle|SELECT * FROM accounts a LEFT JOIN orders o ON o.customer_id = a.account_id WHERE a.account_id = 7
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND EXISTS (SELECT count(*) FROM transactions t WHERE t.account_id = a.account_id)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id HAVING count(*) > 1)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id OFFSET 0)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id LIMIT 1)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND (SELECT count(*) FROM transactions t WHERE t.account_id = a.account_id) > 0
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND a.account_id IN (SELECT account_id FROM transactions WHERE amount > 5)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND a.account_id IN (SELECT account_id FROM transactions OFFSET 0)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND a.account_id IN (SELECT max(account_id) FROM transactions GROUP BY note)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = 7 AND a.account_id NOT IN (SELECT account_id FROM transactions)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id IN (SELECT account_id FROM transactions WHERE account_id = 7)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id IN (SELECT account_id FROM transactions WHERE account_id = 7 OFFSET 0)
f6|oracle|SELECT * FROM accounts a WHERE a.account_id = (SELECT account_id FROM transactions WHERE account_id = 7 LIMIT 1)
f6|oracle|SELECT * FROM accounts WHERE account_id = (SELECT 7)
f6|oracle|SELECT * FROM accounts WHERE account_id = (SELECT 7::bigint)
f6|oracle|WITH t AS (SELECT * FROM transactions WHERE random() < 2) SELECT * FROM t WHERE account_id = 7
f6|oracle|WITH t AS (SELECT * FROM transactions FOR UPDATE) SELECT * FROM t WHERE account_id = 7
f6|oracle|WITH t AS (SELECT *, nextval('order_seq') AS n FROM transactions) SELECT * FROM t WHERE account_id = 7
f6|oracle|WITH t AS (SELECT * FROM transactions ORDER BY random()) SELECT * FROM t WHERE account_id = 7
f6|oracle|WITH t AS MATERIALIZED (SELECT * FROM transactions) SELECT * FROM t WHERE account_id = 7
f6|oracle|WITH t AS NOT MATERIALIZED (SELECT * FROM transactions) SELECT * FROM t WHERE account_id = 7
f6|oracle|WITH t AS (SELECT * FROM transactions) SELECT * FROM t WHERE account_id = 7
f6|oracle|WITH t AS (SELECT * FROM transactions) SELECT * FROM t a JOIN t b USING (account_id) WHERE a.account_id = 7
f6|oracle|WITH t AS (SELECT * FROM transactions ORDER BY tx_id) SELECT * FROM t WHERE account_id = 7
f6|oracle|WITH t AS (SELECT * FROM transactions LIMIT 100) SELECT * FROM t WHERE account_id = 7
f6|oracle|WITH t AS (SELECT clock_timestamp() AS ts, * FROM transactions) SELECT * FROM t WHERE account_id = 7
f6|oracle|WITH RECURSIVE t AS (SELECT * FROM transactions WHERE account_id = 7 UNION ALL SELECT * FROM t WHERE false) SELECT * FROM t
f6|oracle|WITH RECURSIVE t AS (SELECT * FROM transactions UNION ALL SELECT * FROM t WHERE false) SELECT * FROM t WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT * FROM transactions LIMIT 10) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT DISTINCT * FROM transactions) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT DISTINCT ON (account_id) * FROM transactions ORDER BY account_id) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT DISTINCT ON (tx_id) * FROM transactions ORDER BY tx_id) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY account_id) FROM transactions) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT *, row_number() OVER (ORDER BY tx_id) FROM transactions) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT account_id, count(*) FROM transactions GROUP BY account_id) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT account_id, count(*) FROM transactions GROUP BY ROLLUP (account_id)) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT account_id, count(*) FROM transactions GROUP BY CUBE (account_id)) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT account_id, count(*) FROM transactions GROUP BY GROUPING SETS ((account_id), ())) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT * FROM transactions ORDER BY tx_id) d WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT *, random() AS r FROM transactions) d WHERE account_id = 7
f6|oracle|SELECT account_id FROM accounts WHERE account_id = 7 UNION SELECT account_id FROM transactions
f6|oracle|SELECT account_id FROM accounts WHERE account_id = 7 UNION ALL SELECT account_id FROM transactions WHERE account_id = 7
f6|oracle|SELECT account_id FROM accounts WHERE account_id = 7 INTERSECT SELECT account_id FROM transactions
f6|oracle|SELECT account_id FROM accounts WHERE account_id = 7 EXCEPT SELECT account_id FROM transactions
f6|oracle|SELECT * FROM (SELECT account_id FROM accounts UNION ALL SELECT account_id FROM transactions) u WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT account_id FROM accounts UNION SELECT account_id FROM transactions) u WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT account_id FROM accounts INTERSECT SELECT account_id FROM transactions) u WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT account_id FROM accounts EXCEPT SELECT account_id FROM transactions) u WHERE account_id = 7
f6|oracle|SELECT * FROM (SELECT account_id FROM accounts UNION ALL SELECT account_id FROM transactions LIMIT 5) u WHERE account_id = 7
f6|oracle|SELECT * FROM orders o JOIN accounts a ON a.account_id = o.account_id WHERE o.customer_id = 7
f6|oracle|SELECT * FROM orders o JOIN accounts a ON a.account_id = o.customer_id WHERE o.customer_id = 7
f6|oracle|SELECT * FROM orders o JOIN accounts a ON a.account_id = o.account_id WHERE o.customer_id = 7 AND o.account_id = 7
f6|oracle|SELECT * FROM accounts a JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = 7
f6|oracle|SELECT * FROM accounts a JOIN transactions t ON t.account_id = a.account_id + 0 WHERE a.account_id = 7
f6|oracle|SELECT * FROM accounts a JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = 7 OR t.account_id = 7
f6|oracle|UPDATE transactions t SET amount = 0 FROM accounts a WHERE a.account_id = t.account_id AND a.account_id = 7
f6|oracle|UPDATE transactions t SET amount = 0 FROM accounts a WHERE a.account_id = 7
f6|oracle|DELETE FROM transactions t USING accounts a WHERE a.account_id = t.account_id AND a.owner = 'owner7'
f6|oracle|DELETE FROM transactions t USING accounts a WHERE a.account_id = t.account_id AND a.account_id = 7
f7|must-refuse|TRUNCATE orders
f7|must-refuse|TRUNCATE TABLE accounts, transactions
f7|must-refuse|TRUNCATE public.orders RESTART IDENTITY CASCADE
f7|must-refuse|TRUNCATE ledger."Entries"
f7|single|TRUNCATE audit_log
f7|must-refuse|EXPLAIN ANALYZE DELETE FROM orders
f7|must-refuse|EXPLAIN ANALYZE SELECT * FROM orders
f7|must-refuse|EXPLAIN ANALYSE UPDATE accounts SET balance = 0
f7|must-refuse|EXPLAIN (ANALYZE) SELECT * FROM orders
f7|must-refuse|EXPLAIN (ANALYZE, BUFFERS) UPDATE orders SET total = 0
f7|must-refuse|EXPLAIN (ANALYZE true, COSTS off) DELETE FROM transactions
f7|must-refuse|EXPLAIN (FORMAT JSON, ANALYZE on) SELECT count(*) FROM accounts
f7|single|EXPLAIN ANALYZE SELECT * FROM orders WHERE customer_id = 7
f7|single|EXPLAIN (ANALYZE) DELETE FROM orders WHERE customer_id = 7
f7|any|EXPLAIN SELECT * FROM orders
f7|any|EXPLAIN (ANALYZE false) DELETE FROM orders
f7|must-refuse|COPY (SELECT * FROM orders) TO STDOUT
f7|must-refuse|COPY (TABLE orders) TO STDOUT
f7|must-refuse|COPY (SELECT customer_id, total FROM orders) TO STDOUT WITH (FORMAT csv)
f7|must-refuse|COPY (DELETE FROM orders RETURNING *) TO STDOUT
f7|single|COPY (SELECT * FROM orders WHERE customer_id = 7) TO STDOUT
f7|must-refuse|PREPARE adv_p1 AS SELECT * FROM orders; EXECUTE adv_p1
f7|must-refuse|PREPARE adv_p2 AS DELETE FROM orders; EXECUTE adv_p2
f7|must-refuse|PREPARE adv_p3(bigint) AS SELECT * FROM orders WHERE total > $1; EXECUTE adv_p3(1)
f7|single|PREPARE adv_p4(bigint) AS SELECT * FROM orders WHERE customer_id = $1
f7|single|PREPARE adv_p5 AS SELECT * FROM orders WHERE customer_id = 7; EXECUTE adv_p5
f7|any|EXECUTE adv_p6
f7|must-refuse|DO $$BEGIN DELETE FROM orders; END$$
f7|must-refuse|DO LANGUAGE plpgsql $body$BEGIN UPDATE accounts SET balance = 0; END$body$
f7|must-refuse|DO $$BEGIN EXECUTE 'DELETE FROM ' || 'ord' || 'ers'; END$$
f7|must-refuse|DO $$DECLARE n bigint; BEGIN SELECT count(*) INTO n FROM transactions; END$$
f7|single|DO $$BEGIN DELETE FROM orders WHERE customer_id = 7; END$$
f7|any|DO $$BEGIN PERFORM 1; END$$
f7|oracle|DECLARE adv_c1 CURSOR FOR SELECT * FROM orders
f7|oracle|DECLARE adv_c2 SCROLL CURSOR WITH HOLD FOR SELECT * FROM transactions
f7|oracle|DECLARE adv_c3 NO SCROLL CURSOR WITHOUT HOLD FOR TABLE orders
f7|oracle|DECLARE adv_c4 BINARY CURSOR FOR SELECT * FROM accounts FOR UPDATE
f7|oracle|DECLARE adv_c5 CURSOR FOR SELECT * FROM orders WHERE customer_id = 7
f7|must-refuse|BEGIN; DECLARE adv_c6 CURSOR FOR SELECT * FROM orders; FETCH ALL FROM adv_c6; COMMIT
f7|oracle|CREATE TABLE adv_ctas1 AS SELECT * FROM orders
f7|oracle|CREATE TEMP TABLE adv_ctas2 AS TABLE transactions
f7|oracle|CREATE UNLOGGED TABLE IF NOT EXISTS adv_ctas3 AS SELECT account_id, count(*) FROM transactions GROUP BY account_id
f7|oracle|CREATE TEMP TABLE adv_ctas4 AS SELECT * FROM orders WHERE customer_id = 7
f7|any|CREATE TABLE adv_ctas5 AS SELECT * FROM orders WITH NO DATA
f7|oracle|CREATE MATERIALIZED VIEW adv_mv1 AS SELECT * FROM orders
f7|oracle|CREATE MATERIALIZED VIEW adv_mv2 AS SELECT * FROM orders WHERE customer_id = 7
f7|any|CREATE MATERIALIZED VIEW adv_mv3 AS SELECT * FROM orders WITH NO DATA
f7|must-refuse|REFRESH MATERIALIZED VIEW adv_orders_mv
f7|oracle|SELECT * INTO adv_si1 FROM orders
f7|oracle|SELECT * INTO TEMP adv_si2 FROM transactions WHERE amount > 0
f7|oracle|SELECT * INTO TEMP TABLE adv_si3 FROM orders WHERE customer_id = 7
f7|oracle|MERGE INTO orders o USING accounts a ON o.customer_id = a.account_id WHEN MATCHED THEN UPDATE SET total = 0
f7|oracle|MERGE INTO orders o USING (SELECT 7 AS k) s ON o.customer_id = s.k WHEN MATCHED THEN DELETE
f7|oracle|MERGE INTO orders o USING (SELECT 7::bigint AS k) s ON o.customer_id = s.k WHEN MATCHED THEN UPDATE SET total = 1 WHEN NOT MATCHED THEN INSERT (customer_id, order_id) VALUES (s.k, 9201)
f7|oracle|MERGE INTO orders o USING (SELECT 7 AS k) s ON o.order_id = s.k WHEN MATCHED THEN DELETE
f7|oracle|MERGE INTO transactions t USING accounts a ON t.account_id = a.account_id AND a.account_id = 7 WHEN MATCHED THEN UPDATE SET amount = 0
f7|any|CALL adv_purge_orders()
f7|single|CALL adv_touch_audit()
f7|must-refuse|LOCK TABLE orders
f7|must-refuse|LOCK TABLE accounts, transactions IN SHARE MODE
f7|single|LOCK TABLE currencies IN ACCESS SHARE MODE
f7|oracle|WITH d AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM d
f7|oracle|WITH d AS (DELETE FROM orders WHERE customer_id = 7 RETURNING *) SELECT count(*) FROM d
f7|oracle|WITH u AS (UPDATE accounts SET balance = 0 RETURNING account_id) SELECT * FROM u WHERE account_id = 7
f7|oracle|INSERT INTO audit_log (msg) SELECT note FROM transactions
f7|oracle|INSERT INTO audit_log (msg) SELECT note FROM transactions WHERE account_id = 7
f7|oracle|INSERT INTO orders SELECT * FROM orders WHERE customer_id = 7 ON CONFLICT DO NOTHING
f7|oracle|INSERT INTO orders SELECT * FROM orders ON CONFLICT DO NOTHING
f7|oracle|VALUES ((SELECT count(*) FROM orders))
f7|oracle|TABLE orders
f7|oracle|TABLE currencies
f7|any|SELECT adv_count_orders_plain()
f8|must-refuse|SELECT query_to_xml('SELECT * FROM orders', true, false, '')
f8|must-refuse|SELECT pg_catalog.query_to_xml('select * from ORDERS', false, true, '')
f8|must-refuse|SELECT query_to_xml('SELECT * FROM ' || 'ord' || 'ers', true, false, '')
f8|must-refuse|SELECT query_to_xml(format('SELECT * FROM %I', 'transactions'), true, false, '')
f8|must-refuse|SELECT query_to_xml(convert_from(decode('73656c656374202a2066726f6d206f7264657273', 'hex'), 'UTF8'), true, false, '')
f8|must-refuse|SELECT query_to_xml($q$SELECT * FROM accounts$q$, true, false, '')
f8|single|SELECT query_to_xml('SELECT * FROM orders WHERE customer_id = 7', true, false, '')
f8|must-refuse|SELECT query_to_xml_and_xmlschema('SELECT * FROM orders', true, false, '')
f8|must-refuse|SELECT table_to_xml('orders', true, false, '')
f8|must-refuse|SELECT table_to_xml('public.transactions'::regclass, false, false, '')
f8|must-refuse|SELECT table_to_xml('ledger."Entries"', false, false, '')
f8|must-refuse|SELECT table_to_xml_and_xmlschema('accounts', true, true, '')
f8|must-refuse|SELECT schema_to_xml('public', true, false, '')
f8|must-refuse|SELECT schema_to_xml('ledger', true, false, '')
f8|must-refuse|SELECT database_to_xml(true, false, '')
f8|must-refuse|BEGIN; DECLARE adv_x1 CURSOR FOR SELECT * FROM orders; SELECT cursor_to_xml('adv_x1', 1000, false, false, ''); COMMIT
f8|must-refuse|SELECT * FROM ts_stat('SELECT to_tsvector(note) FROM transactions')
f8|must-refuse|SELECT * FROM ts_stat($$SELECT to_tsvector(owner) FROM accounts$$, 'ab')
f8|single|SELECT * FROM ts_stat('SELECT to_tsvector(note) FROM transactions WHERE account_id = 7')
f8|must-refuse|SELECT * FROM XMLTABLE('/table/row' PASSING query_to_xml('SELECT * FROM orders', false, false, '') COLUMNS customer_id bigint)
f8|must-refuse|SELECT * FROM XMLTABLE('//row' PASSING table_to_xml('transactions', false, false, '') COLUMNS account_id bigint PATH 'account_id')
f8|must-refuse|SELECT xpath('//row', table_to_xml('orders', false, false, ''))
f8|must-refuse|SELECT * FROM orders WHERE customer_id = 7 AND total < (SELECT count(*) FROM ts_stat('SELECT to_tsvector(note) FROM transactions'))
f8|single|SELECT table_to_xml('currencies', true, false, '')
f8|single|SELECT query_to_xml('SELECT 1', true, false, '')
f9|must-refuse|BEGIN; UPDATE orders SET total = 0; COMMIT
f9|must-refuse|BEGIN; DELETE FROM orders; COMMIT;
f9|single|BEGIN; DELETE FROM orders WHERE customer_id = 7; COMMIT
f9|must-refuse|START TRANSACTION; SELECT * FROM accounts; END
f9|must-refuse|SET statement_timeout = 0; SELECT * FROM orders
f9|must-refuse|SET application_name = 'x'; DELETE FROM transactions
f9|single|SET LOCAL work_mem = '4MB'; SELECT * FROM orders WHERE customer_id = 7
f9|must-refuse|SHOW search_path; DELETE FROM orders
f9|must-refuse|SELECT 1; SELECT * FROM transactions
f9|must-refuse|SELECT 1;;; DELETE FROM orders
f9|must-refuse|;DELETE FROM orders
f9|must-refuse|COMMIT; DELETE FROM orders
f9|must-refuse|SAVEPOINT s1; DELETE FROM orders; RELEASE SAVEPOINT s1
f9|must-refuse|SELECT pg_sleep(0); UPDATE accounts SET balance = 0
f9|must-refuse|VALUES (1); TABLE orders
f9|single|SELECT 1; SELECT 2; DELETE FROM transactions WHERE account_id = 7
f9|must-refuse|SELECT 1 /* limitless:allow-scatter */; DELETE FROM orders
f9|must-refuse|SELECT /* limitless:allow-scatter */ count(*) FROM orders; DELETE FROM orders
f9|must-refuse|DELETE FROM orders /* limitless:allow-scatter */; DELETE FROM transactions
f9|must-refuse|/* limitless:allow-scatter */ SELECT 1; SELECT count(*) FROM accounts
f9|must-refuse|SELECT count(*) FROM accounts; /* limitless:allow-scatter */
f9|allow|SELECT /* limitless:allow-scatter */ count(*) FROM orders
f9|allow|/* limitless:allow-scatter */ SELECT count(*) FROM orders
f9|allow|SELECT count(*) FROM orders /* limitless:allow-scatter */
f9|allow|DELETE /* limitless:allow-scatter */ FROM audit_log WHERE account_id IN (SELECT account_id FROM accounts)
f9|allow|SELECT /* limitless:allow-scatter */ count(*) FROM orders; SELECT /* limitless:allow-scatter */ count(*) FROM accounts
f9|allow|BEGIN; SELECT /* limitless:allow-scatter */ count(*) FROM orders; COMMIT
f9|oracle|/* do not add limitless:allow-scatter here */ SELECT count(*) FROM orders
f9|oracle|SELECT /* limitless:allow-scatter-later */ count(*) FROM orders
f9|oracle|SELECT /* not-limitless:allow-scatter */ count(*) FROM orders
f9|oracle|SELECT /* LIMITLESS:ALLOW-SCATTER */ count(*) FROM orders
f9|oracle|-- limitless:allow-scatter{{LF}}SELECT count(*) FROM orders
f9|oracle|SELECT count(*) FROM orders -- /* limitless:allow-scatter */
f9|oracle|SELECT '/* limitless:allow-scatter */', * FROM orders
f9|oracle|SELECT $$ /* limitless:allow-scatter */ $$, * FROM orders
f9|oracle|SELECT $h$/* limitless:allow-scatter */$h$ AS x, * FROM transactions
f9|oracle|SELECT "/* limitless:allow-scatter */".* FROM orders AS "/* limitless:allow-scatter */"
f9|oracle|SELECT E'\' /* limitless:allow-scatter */ ', * FROM orders
f9|oracle|SELECT U&'/* limitless:allow-scatter */', * FROM orders
f9|oracle|SELECT * FROM orders /* x /* limitless:allow-scatter */ y */
f9|must-refuse|SET standard_conforming_strings = off; SELECT '\' /* limitless:allow-scatter */ --', * FROM orders
f9|must-refuse|SET standard_conforming_strings = off; SELECT * FROM transactions WHERE account_id = 7 AND note = '\'' OR true --'
f9|any|BEGIN; SET LOCAL rds_aurora.limitless_active_shard_key = '{"7"}'; SELECT * FROM orders; COMMIT
f10|oracle|SELECT * FROM orders WHERE customer_id = 1 -- c{{CR}} OR true
f10|oracle|DELETE FROM orders WHERE customer_id = 1 -- x{{CR}}OR total > 0
f10|oracle|UPDATE accounts SET balance = 0 WHERE account_id = 1 --{{CR}}OR balance > 0
f10|oracle|SELECT * FROM orders WHERE customer_id = 1 -- c{{CR}}{{LF}} OR true
f10|oracle|SELECT * FROM orders WHERE customer_id = 1 -- c{{FF}} OR true
f10|oracle|SELECT * FROM orders WHERE customer_id = 1 -- c{{VT}} OR true
f10|oracle|SELECT * FROM orders WHERE customer_id = 7 AND total >--{{CR}} 0 OR true
f10|oracle|SELECT *{{CR}}FROM orders{{CR}}WHERE customer_id = 7
f10|oracle|SELECT{{FF}}*{{TAB}}FROM{{FF}}orders
f10|oracle|SELECT * FROM orders WHERE customer_id = 7 /* a /* b */ OR true */
f10|oracle|SELECT * FROM orders WHERE customer_id = 7 /* /* */ OR true /* */ */
f10|oracle|SELECT * FROM orders WHERE customer_id = 7 /* /* */ OR true -- */
f10|oracle|SELECT * FROM orders /* x /* */ /* limitless:allow-scatter */ */
f10|oracle|SELECT * FROM orders -- /*{{LF}} WHERE customer_id = 7 -- */
f10|oracle|SELECT * FROM orders /* -- */ WHERE customer_id = 7
f10|oracle|SELECT $€$ /* limitless:allow-scatter */ $€$, count(*) FROM orders
f10|oracle|SELECT $é$ /* limitless:allow-scatter */ $é$, count(*) FROM orders
f10|oracle|SELECT $_$ /* limitless:allow-scatter */ $_$, count(*) FROM orders
f10|oracle|SELECT $a1$ /* limitless:allow-scatter */ $a1$, count(*) FROM orders
f10|must-refuse|SELECT 1 AS €$x$; DELETE FROM orders; SELECT 1 AS é$x$
f10|must-refuse|SELECT 1 AS a$x$; DELETE FROM orders; SELECT 1 AS b$x$
f10|must-refuse|SELECT 1 AS a$$; DELETE FROM orders; SELECT 1 AS b$$
f10|allow|SELECT 1 AS a$x$, count(*) /* limitless:allow-scatter */, 1 AS b$x$ FROM orders
f10|must-refuse|SELECT $a$ $A$; DELETE FROM orders; $A$ $a$; DELETE FROM transactions
f10|single|SELECT $a$ $A$; DELETE FROM orders; $A$ $a$
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = E'\' OR true -- '
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = E'\'' OR true -- '
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = e'\\' OR true --'
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = '\'' OR true --'
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = '\' OR true --'
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = U&'\0027' OR true
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = U&'!0027' UESCAPE '!'
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = U&'x\005C' OR true
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = 'a' {{LF}} 'b'
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = 'a'{{LF}}' OR true --'
f10|oracle|SELECT * FROM transactions WHERE account_id = 7 AND note = B'0101'::text OR true
f10|oracle|SELECT ';' AS a, * FROM orders WHERE customer_id = 7
f10|must-refuse|SELECT $$;$$; DELETE FROM orders
f10|must-refuse|SELECT 1 /* ; */; DELETE FROM orders
f10|must-refuse|SELECT 1 -- ;{{LF}}; DELETE FROM orders
f10|must-refuse|SELECT 1 -- x{{CR}}; DELETE FROM orders
f10|must-refuse|SELECT "a;b" FROM (SELECT 1 AS "a;b") x; DELETE FROM orders
f10|must-refuse|SELECT E'\';'; DELETE FROM orders; SELECT ''
f10|oracle|SELECT 1 AS "x"";DELETE FROM orders;--"
f10|oracle|SELECT * FROM orders AS "--" WHERE "--".customer_id = 7 OR true
f10|oracle|SELECT * FROM orders AS ордер WHERE ордер.customer_id = 7
f10|oracle|SELECT * FROM orders AS "/*" WHERE customer_id = 7 OR "/*".total > 0 -- */
f10|oracle|SELECT * FROM orders WHERE customer_id = 7 AND '--' = '--' OR true
f10|oracle|SELECT * FROM orders WHERE customer_id = 7 AND '/*' <> '*/' OR true
