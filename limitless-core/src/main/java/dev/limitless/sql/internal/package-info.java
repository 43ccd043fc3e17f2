/**
 * Not API: the lexer, the script splitter and the shortening of statements in messages that the guard, the DDL
 * checker, the pinning classifier and the CLI share. Public only so that other packages and modules of limitless can
 * use them; they may change or disappear in any release without notice. Do not use them from application code.
 */
package dev.limitless.sql.internal;
