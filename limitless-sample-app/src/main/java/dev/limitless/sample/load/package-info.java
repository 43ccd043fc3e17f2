/** A small load generator for the sample's REST API: {@link dev.limitless.sample.load.LoadCommand}. */
package dev.limitless.sample.load;
