/**
 * Not API: the guard's warm-up at start-up, which the starter runs ({@code limitless.guard.warm-up.*}). Public only so
 * that other modules of limitless can use it; it may change or disappear in any release without notice. Do not use
 * it from application code.
 */
package dev.limitless.guard.internal;
