-- a migration that relies on an advisory lock: Aurora Limitless refuses it, so does the emulation
SELECT pg_advisory_xact_lock(42);
CREATE TABLE never_created (id bigint PRIMARY KEY);
