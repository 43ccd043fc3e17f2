/**
 * Not API: the classification of SQL texts into pinning risks and the detection of the topology from the database,
 * which the guard and the starter use. Public only so that other packages and modules of limitless can use them; they
 * may change or disappear in any release without notice. Do not use them from application code.
 */
package dev.limitless.pinning.internal;
