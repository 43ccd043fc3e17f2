# One statement per line. {v} expands to four spellings of a shard-key value (7, ?, '7'::bigint, CAST(? AS bigint));
# {w} to a second value (8, ?, ...). Every ? is bound to 7 (or 8 for {w}) by the test.
SELECT * FROM accounts WHERE account_id = {v}
SELECT * FROM accounts WHERE {v} = account_id
SELECT owner FROM accounts a WHERE a.account_id = {v}
SELECT owner FROM public.accounts WHERE account_id = {v}
SELECT owner FROM PUBLIC.Accounts WHERE Account_Id = {v}
SELECT owner FROM "accounts" WHERE "account_id" = {v}
SELECT * FROM accounts WHERE account_id = {v} AND balance > 10
SELECT * FROM accounts WHERE balance > 10 AND (account_id = {v})
SELECT * FROM accounts WHERE account_id = {v} OR account_id = {w}
SELECT * FROM accounts WHERE (account_id = {v} AND balance > 0) OR (account_id = {w} AND balance < 0)
SELECT * FROM accounts WHERE account_id = {v} OR balance > 100
SELECT * FROM accounts WHERE account_id IN ({v}, {w})
SELECT * FROM accounts WHERE account_id IN ({v})
SELECT * FROM accounts WHERE account_id = ANY(ARRAY[{v}, {w}])
SELECT * FROM accounts WHERE account_id NOT IN ({v}, {w})
SELECT * FROM accounts WHERE account_id <> {v}
SELECT * FROM accounts WHERE account_id != {v}
SELECT * FROM accounts WHERE account_id > {v}
SELECT * FROM accounts WHERE account_id BETWEEN {v} AND {w}
SELECT * FROM accounts WHERE account_id >= {v} AND account_id <= {v}
SELECT * FROM accounts WHERE NOT (account_id = {v})
SELECT * FROM accounts WHERE account_id IS NULL
SELECT * FROM accounts WHERE account_id IS NOT NULL
SELECT * FROM accounts WHERE account_id + 0 = {v}
SELECT * FROM accounts WHERE abs(account_id) = {v}
SELECT * FROM accounts WHERE account_id::text = '7'
SELECT * FROM accounts WHERE CAST(account_id AS text) = '7'
SELECT * FROM accounts WHERE owner = 'bob'
SELECT * FROM accounts WHERE owner LIKE 'b%'
SELECT * FROM accounts
SELECT count(*) FROM accounts
SELECT * FROM accounts ORDER BY created DESC LIMIT 10
SELECT * FROM accounts WHERE account_id = {v} ORDER BY created LIMIT 1
SELECT * FROM accounts WHERE account_id = {v} FOR UPDATE
SELECT a.owner, t.amount FROM accounts a JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = {v}
SELECT a.owner, t.amount FROM accounts a JOIN transactions t ON a.account_id = t.account_id WHERE t.account_id = {v}
SELECT a.owner, t.amount FROM accounts a, transactions t WHERE a.account_id = t.account_id AND a.account_id = {v}
SELECT a.owner, t.amount FROM accounts a JOIN transactions t USING (account_id) WHERE a.account_id = {v}
SELECT a.owner, t.amount FROM accounts a JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = {v} AND t.account_id = {v}
SELECT a.owner, t.amount FROM accounts a JOIN transactions t ON t.account_id = a.account_id
SELECT a.owner, t.amount FROM accounts a JOIN transactions t ON t.amount > a.balance WHERE a.account_id = {v}
SELECT a.owner, t.amount FROM accounts a JOIN transactions t ON t.tx_id = a.account_id WHERE a.account_id = {v}
SELECT a.owner, t.amount FROM accounts a LEFT JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = {v}
SELECT a.owner, t.amount FROM accounts a LEFT JOIN transactions t ON t.account_id = a.account_id WHERE t.account_id = {v}
SELECT a.owner, t.amount FROM accounts a LEFT JOIN transactions t ON t.account_id = a.account_id AND a.account_id = {v}
SELECT a.owner, t.amount FROM accounts a RIGHT JOIN transactions t ON t.account_id = a.account_id WHERE t.account_id = {v}
SELECT a.owner, t.amount FROM accounts a FULL JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = {v}
SELECT a.owner, t.amount FROM accounts a JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id IN ({v}, {w})
SELECT a.owner, t.amount FROM accounts a JOIN transactions t ON t.account_id = a.account_id AND t.account_id = {v}
SELECT t.amount, c.name FROM transactions t JOIN currencies c ON c.code = t.currency WHERE t.account_id = {v}
SELECT t.amount, c.name FROM transactions t JOIN currencies c ON c.code = t.currency
SELECT t.amount, c.name FROM transactions t LEFT JOIN currencies c ON c.code = t.currency WHERE t.account_id = {v} AND c.code = 'EUR'
SELECT * FROM currencies
SELECT * FROM currencies WHERE code = 'EUR'
SELECT * FROM audit_log WHERE account_id = {v}
SELECT * FROM audit_log
SELECT l.msg, a.owner FROM audit_log l JOIN accounts a ON a.account_id = l.account_id WHERE l.id = 1
SELECT l.msg, a.owner FROM audit_log l JOIN accounts a ON a.account_id = l.account_id WHERE a.account_id = {v}
SELECT o.total FROM orders o WHERE o.customer_id = {v}
SELECT o.total FROM orders o WHERE o.account_id = {v}
SELECT o.total, a.owner FROM orders o JOIN accounts a ON a.account_id = o.account_id WHERE o.customer_id = {v}
SELECT o.total, a.owner FROM orders o JOIN accounts a ON a.account_id = o.account_id WHERE o.customer_id = {v} AND a.account_id = {w}
SELECT o.total, a.owner FROM orders o JOIN accounts a ON a.account_id = o.customer_id WHERE a.account_id = {v}
SELECT * FROM items WHERE item_id = {v} AND item_cat = 'books'
SELECT * FROM items WHERE item_id = {v}
SELECT * FROM items WHERE item_cat = 'books'
SELECT * FROM items WHERE item_id = {v} AND item_cat IN ('books', 'music')
SELECT * FROM items WHERE (item_id, item_cat) IN (({v}, 'books'), ({w}, 'music'))
SELECT * FROM items WHERE item_id = {v} AND item_cat LIKE 'b%'
SELECT * FROM items WHERE (item_id = {v} AND item_cat = 'a') OR (item_id = {w} AND item_cat = 'b')
SELECT * FROM items WHERE (item_id = {v} AND item_cat = 'a') OR item_id = {w}
SELECT * FROM accounts WHERE account_id = {v} UNION ALL SELECT * FROM accounts WHERE account_id = {w}
SELECT account_id FROM accounts WHERE account_id = {v} UNION SELECT account_id FROM transactions WHERE account_id = {v}
SELECT account_id FROM accounts WHERE account_id = {v} UNION SELECT account_id FROM transactions
SELECT account_id FROM accounts WHERE account_id = {v} INTERSECT SELECT account_id FROM transactions WHERE amount > 0
SELECT account_id FROM accounts EXCEPT SELECT account_id FROM transactions WHERE account_id = {v}
WITH a AS (SELECT * FROM accounts WHERE account_id = {v}) SELECT * FROM a
WITH t AS (SELECT * FROM transactions WHERE account_id = {v}) SELECT a.owner FROM accounts a JOIN t ON t.account_id = a.account_id WHERE a.account_id = {v}
WITH t AS (SELECT * FROM transactions) SELECT * FROM t WHERE t.amount > 5
WITH accounts AS (SELECT 1 AS account_id) SELECT * FROM accounts
WITH recent AS (SELECT account_id FROM transactions WHERE account_id = {v} AND amount > 5) SELECT * FROM accounts WHERE account_id = {v} AND account_id IN (SELECT account_id FROM recent)
SELECT * FROM accounts a WHERE a.account_id = {v} AND EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id AND t.amount > 100)
SELECT * FROM accounts a WHERE a.account_id = {v} AND EXISTS (SELECT 1 FROM transactions t WHERE t.amount > 100)
SELECT * FROM accounts a WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id AND t.account_id = {v})
SELECT * FROM accounts a WHERE a.account_id = {v} AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id)
SELECT * FROM accounts WHERE account_id IN (SELECT account_id FROM transactions WHERE amount > 100)
SELECT * FROM accounts WHERE account_id IN (SELECT account_id FROM transactions WHERE account_id = {v})
SELECT * FROM accounts WHERE account_id = {v} AND owner IN (SELECT msg FROM audit_log)
SELECT * FROM accounts WHERE account_id = (SELECT max(account_id) FROM transactions)
SELECT * FROM accounts WHERE account_id = {v} AND balance > (SELECT avg(amount) FROM transactions WHERE account_id = {v})
SELECT a.owner, (SELECT count(*) FROM transactions t WHERE t.account_id = {v}) FROM accounts a WHERE a.account_id = {v}
SELECT x.owner FROM (SELECT * FROM accounts WHERE account_id = {v}) x
SELECT x.owner FROM (SELECT * FROM accounts) x WHERE x.account_id = {v}
SELECT x.total FROM (SELECT account_id, sum(amount) AS total FROM transactions WHERE account_id = {v} GROUP BY account_id) x
SELECT 1
SELECT now()
SELECT count(*) FROM transactions WHERE account_id = {v} GROUP BY note HAVING count(*) > 1
SELECT DISTINCT note FROM transactions WHERE account_id = {v}
SELECT * FROM transactions WHERE account_id = {v} AND tx_id = {w}
SELECT * FROM transactions WHERE tx_id = {v}
SELECT * FROM transactions WHERE account_id = {v} AND (tx_id = 1 OR tx_id = 2)
SELECT * FROM transactions WHERE (account_id = {v} OR account_id = {w}) AND amount > 0
SELECT * FROM transactions WHERE account_id = {v} OR tx_id = {w}
SELECT * FROM transactions WHERE COALESCE(account_id, 0) = {v}
SELECT * FROM transactions WHERE account_id = {v} LIMIT 10 OFFSET 5
SELECT * FROM ledger."Entries" WHERE "AccountId" = {v}
SELECT * FROM ledger."Entries" WHERE entry_id = {v}
SELECT * FROM Ledger."Entries" e WHERE e."AccountId" = {v}
SELECT * FROM ledger."Entries" WHERE accountid = 7
INSERT INTO accounts (account_id, owner) VALUES ({v}, 'bob')
INSERT INTO accounts (owner, account_id) VALUES ('bob', {v})
INSERT INTO accounts VALUES ({v}, 'bob', 0, NULL)
INSERT INTO accounts (account_id, owner) VALUES ({v}, 'bob'), ({w}, 'eve')
INSERT INTO accounts (account_id, owner) VALUES ({v}, 'bob') ON CONFLICT (account_id) DO NOTHING
INSERT INTO accounts (account_id, owner) VALUES ({v}, 'bob') ON CONFLICT (account_id) DO UPDATE SET owner = EXCLUDED.owner
INSERT INTO accounts (account_id, owner) VALUES ({v}, 'bob') RETURNING account_id, balance
INSERT INTO transactions (account_id, tx_id, amount) VALUES ({v}, 1, 10.5)
INSERT INTO transactions (account_id, tx_id, amount) SELECT account_id, 2, 0 FROM accounts WHERE account_id = {v}
INSERT INTO transactions (account_id, tx_id, amount) SELECT account_id, 2, 0 FROM accounts
INSERT INTO transactions (account_id, tx_id, amount) SELECT {v}, 3, 1
INSERT INTO audit_log (account_id, msg) VALUES ({v}, 'x')
INSERT INTO audit_log (account_id, msg) SELECT account_id, owner FROM accounts WHERE account_id = {v}
INSERT INTO audit_log (account_id, msg) SELECT account_id, owner FROM accounts
INSERT INTO currencies (code, name) VALUES ('XTS', 'Test')
INSERT INTO items (item_id, item_cat, name) VALUES ({v}, 'books', 'x')
INSERT INTO ledger."Entries" ("AccountId", entry_id) VALUES ({v}, 1)
UPDATE accounts SET balance = balance + 1 WHERE account_id = {v}
UPDATE accounts SET balance = 0 WHERE account_id IN ({v}, {w})
UPDATE accounts SET balance = 0 WHERE owner = 'bob'
UPDATE accounts SET balance = 0
UPDATE accounts a SET balance = 0 WHERE a.account_id = {v} RETURNING a.balance
UPDATE transactions t SET amount = 0 FROM accounts a WHERE a.account_id = t.account_id AND a.account_id = {v}
UPDATE transactions t SET amount = 0 FROM accounts a WHERE a.account_id = t.account_id AND a.owner = 'bob'
UPDATE transactions t SET amount = 0 FROM currencies c WHERE c.code = t.currency AND t.account_id = {v}
UPDATE transactions SET amount = 0 WHERE account_id = {v} AND tx_id = 1
UPDATE transactions SET note = (SELECT owner FROM accounts WHERE account_id = {v}) WHERE account_id = {v}
UPDATE items SET name = 'y' WHERE item_id = {v} AND item_cat = 'books'
UPDATE items SET name = 'y' WHERE item_id = {v}
UPDATE ledger."Entries" SET amount = 1 WHERE "AccountId" = {v}
DELETE FROM accounts WHERE account_id = {v}
DELETE FROM accounts WHERE account_id = {v} RETURNING *
DELETE FROM accounts WHERE balance < 0
DELETE FROM accounts
DELETE FROM transactions t USING accounts a WHERE a.account_id = t.account_id AND a.account_id = {v}
DELETE FROM transactions t USING accounts a WHERE a.account_id = t.account_id AND a.owner = 'bob'
DELETE FROM transactions WHERE account_id = {v} AND tx_id IN (1, 2, 3)
DELETE FROM transactions WHERE account_id IN (SELECT account_id FROM accounts WHERE owner = 'x')
DELETE FROM audit_log WHERE id = 1
WITH moved AS (DELETE FROM transactions WHERE account_id = {v} RETURNING *) SELECT count(*) FROM moved
WITH moved AS (DELETE FROM transactions WHERE amount = 0 RETURNING *) SELECT count(*) FROM moved
SELECT a.owner, (SELECT sum(t.amount) FROM transactions t WHERE t.account_id = a.account_id) FROM accounts a WHERE a.account_id = {v}
SELECT a.owner FROM accounts a WHERE a.account_id = {v} AND a.balance > (SELECT avg(t.amount) FROM transactions t WHERE t.account_id = a.account_id)
SELECT a.owner, x.total FROM accounts a CROSS JOIN LATERAL (SELECT sum(t.amount) AS total FROM transactions t WHERE t.account_id = a.account_id) x WHERE a.account_id = {v}
SELECT a.owner, x.total FROM accounts a JOIN LATERAL (SELECT sum(t.amount) AS total FROM transactions t WHERE t.account_id = a.account_id) x ON true WHERE a.account_id = {v}
SELECT * FROM accounts a WHERE a.account_id = {v} AND a.owner IN (SELECT t.note FROM transactions t WHERE t.account_id = a.account_id)
SELECT * FROM accounts a WHERE a.account_id IN (SELECT t.account_id FROM transactions t WHERE t.tx_id = {v})
SELECT a.owner FROM accounts a JOIN transactions t ON t.account_id = a.account_id AND t.account_id = a.account_id WHERE a.account_id = {v}
SELECT a.owner FROM accounts a JOIN transactions t ON t.account_id = a.account_id JOIN accounts b ON b.account_id = t.account_id WHERE a.account_id = {v}
SELECT a.owner FROM accounts a JOIN transactions t ON t.account_id = a.account_id JOIN orders o ON o.customer_id = t.account_id WHERE a.account_id = {v}
SELECT * FROM accounts WHERE account_id = {v} AND account_id = {w}
SELECT * FROM accounts WHERE account_id = {v} OR account_id IN ({w}, 9)
SELECT * FROM accounts WHERE (account_id = {v} OR account_id = {w}) AND (account_id = {v} OR account_id = 9)
SELECT * FROM accounts WHERE account_id = {v} AND NOT (owner = 'x')
SELECT * FROM accounts WHERE account_id = -{v}
SELECT * FROM accounts WHERE account_id = {v} + 1
SELECT * FROM accounts WHERE account_id = length('abc')
SELECT * FROM accounts WHERE account_id = (SELECT {v})
SELECT * FROM accounts WHERE account_id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40)
INSERT INTO accounts (account_id, owner) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f'), (7, 'g'), (8, 'h'), (9, 'i'), (10, 'j'), (11, 'k'), (12, 'l'), (13, 'm'), (14, 'n'), (15, 'o'), (16, 'p'), (17, 'q'), (18, 'r'), (19, 's'), (20, 't'), (21, 'u'), (22, 'v'), (23, 'w'), (24, 'x'), (25, 'y'), (26, 'z'), (27, 'aa'), (28, 'ab'), (29, 'ac'), (30, 'ad'), (31, 'ae'), (32, 'af'), (33, 'ag'), (34, 'ah'), (35, 'ai'), (36, 'aj'), (37, 'ak'), (38, 'al'), (39, 'am'), (40, 'an'), (41, 'ao'), (42, 'ap'), (43, 'aq'), (44, 'ar'), (45, 'as'), (46, 'at'), (47, 'au'), (48, 'av'), (49, 'aw'), (50, 'ax')
SELECT * FROM accounts WHERE account_id = {v} UNION ALL SELECT * FROM accounts
WITH x AS MATERIALIZED (SELECT * FROM accounts) SELECT * FROM x WHERE account_id = {v}
WITH x AS (SELECT * FROM accounts WHERE account_id = {v}), y AS (SELECT * FROM transactions WHERE account_id = {v}) SELECT * FROM x JOIN y ON y.account_id = x.account_id
SELECT * FROM (SELECT * FROM accounts WHERE account_id = {v}) x JOIN transactions t ON t.account_id = x.account_id
SELECT * FROM (SELECT * FROM accounts LIMIT 5) x WHERE x.account_id = {v}
SELECT count(*) FROM (SELECT account_id FROM transactions GROUP BY account_id) g WHERE g.account_id = {v}
SELECT * FROM accounts a WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id)
SELECT * FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id AND t.account_id = {v})
SELECT * FROM accounts a WHERE a.account_id NOT IN (SELECT t.account_id FROM transactions t WHERE t.account_id = {v})
SELECT * FROM accounts a WHERE a.account_id = {v} OR EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id AND t.account_id = {v})
UPDATE accounts SET balance = (SELECT sum(amount) FROM transactions t WHERE t.account_id = accounts.account_id) WHERE account_id = {v}
DELETE FROM accounts a WHERE a.account_id = {v} AND EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id)
DELETE FROM accounts WHERE account_id = {v} OR owner = 'x'
TABLE accounts
SELECT * FROM items WHERE (item_id, item_cat) = ({v}, 'books')
SELECT * FROM accounts WHERE (account_id, owner) = ({v}, 'x')
SELECT * FROM items i JOIN items j ON (j.item_id, j.item_cat) = (i.item_id, i.item_cat) WHERE i.item_id = {v} AND i.item_cat = 'a'
INSERT INTO accounts (account_id, owner) VALUES ((SELECT max(account_id) + 1 FROM accounts), 'x')
SELECT a.owner, t.amount FROM accounts a NATURAL JOIN transactions t WHERE a.account_id = {v}
SELECT * FROM accounts WHERE account_id = {v} AND owner = E'o\'brien\\'
SELECT * FROM transactions WHERE account_id = {v} AND note = $tag$it's; here$tag$
WITH x AS (SELECT * FROM accounts) SELECT * FROM x WHERE x.account_id = {v}
WITH x AS (SELECT * FROM accounts) SELECT * FROM x WHERE account_id = {v}
WITH x AS (SELECT account_id, owner FROM accounts) SELECT a.owner FROM x a JOIN transactions t ON t.account_id = a.account_id WHERE a.account_id = {v}
WITH x AS (SELECT * FROM accounts) SELECT * FROM x a JOIN x b ON b.account_id = a.account_id WHERE a.account_id = {v}
WITH x AS NOT MATERIALIZED (SELECT * FROM accounts) SELECT * FROM x WHERE account_id = {v}
WITH x AS (SELECT * FROM accounts LIMIT 10) SELECT * FROM x WHERE account_id = {v}
WITH x AS (SELECT account_id, count(*) AS n FROM transactions GROUP BY account_id) SELECT * FROM x WHERE account_id = {v}
