/**
 * Not API: the comparison of a declared catalog with the live one that the starter's start-up check and health
 * indicator report. Public only so that other modules of limitless can use it; it may change or disappear in any
 * release without notice. Do not use it from application code.
 */
package dev.limitless.ddl.internal;
