/** The ledger's REST API; every failure is answered with an RFC 9457 problem document. */
package dev.limitless.sample.api;
