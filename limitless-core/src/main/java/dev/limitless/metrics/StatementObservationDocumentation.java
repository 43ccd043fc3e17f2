package dev.limitless.metrics;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** The observation of one statement execution: one span per statement, with only low-cardinality keys. */
public enum StatementObservationDocumentation implements ObservationDocumentation {

    /** One statement sent through the guarded data source (or refused before it was sent). */
    STATEMENT {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultStatementObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }
    };

    /** Keys from fixed small sets. There are no high-cardinality keys: SQL text and values never become tags. */
    public enum LowCardinalityKeyNames implements KeyName {
        /** single_shard, multi_shard, scatter, reference, standard or unknown. */
        ROUTE {
            @Override
            public String asString() {
                return "route";
            }
        },
        /** The primary sharded table as named in the catalog, or none. */
        TABLE {
            @Override
            public String asString() {
                return "table";
            }
        },
        /** select, insert, update, delete or other. */
        OPERATION {
            @Override
            public String asString() {
                return "operation";
            }
        },
        /** success, error or refused. */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        }
    }
}
