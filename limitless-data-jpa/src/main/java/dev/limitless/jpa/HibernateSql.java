package dev.limitless.jpa;

import jakarta.persistence.Parameter;
import jakarta.persistence.Query;
import org.hibernate.Session;
import org.hibernate.Transaction;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Renders a JPQL/HQL or native query to the SQL Hibernate sends, by Hibernate itself: the query is created in a
 * private session, every parameter is bound to null, and the query is run up to the point where Hibernate prepares
 * its JDBC statement; a {@link StatementInspector} on that session records the SQL and stops the statement there,
 * so nothing reaches the database. Modifying queries run in a transaction that is rolled back.
 */
final class HibernateSql {

    private final SessionFactoryImplementor sessionFactory;

    HibernateSql(SessionFactoryImplementor sessionFactory) {
        this.sessionFactory = sessionFactory;
    }

    /**
     * The SQL of a query.
     *
     * @param query the JPQL/HQL or native SQL text
     * @param nativeQuery whether it is native SQL
     * @param modifying whether it is an UPDATE/DELETE/INSERT ({@code executeUpdate})
     * @throws IllegalArgumentException when Hibernate cannot interpret the query, with Hibernate's message
     */
    String render(String query, boolean nativeQuery, boolean modifying) {
        Capture capture = new Capture();
        try (Session session = sessionFactory.withOptions().statementInspector(capture).openSession()) {
            Transaction transaction = modifying ? session.beginTransaction() : null;
            try {
                Query prepared = nativeQuery ? session.createNativeQuery(query) : session.createQuery(query);
                for (Parameter<?> parameter : prepared.getParameters()) {
                    @SuppressWarnings("unchecked")
                    Parameter<Object> any = (Parameter<Object>) parameter;
                    prepared.setParameter(any, null);
                }
                if (modifying) {
                    prepared.executeUpdate();
                } else {
                    prepared.getResultList();
                }
            } catch (RuntimeException e) {
                if (capture.sql == null) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            } finally {
                if (transaction != null && transaction.isActive()) {
                    transaction.rollback();
                }
            }
        }
        if (capture.sql == null) {
            throw new IllegalArgumentException("Hibernate sent no SQL for the query");
        }
        return capture.sql;
    }

    /** Records the first statement and stops it before it is prepared on a connection. */
    private static final class Capture implements StatementInspector {

        private static final long serialVersionUID = 1L;

        private String sql;

        @Override
        public String inspect(String statement) {
            if (sql == null) {
                sql = statement;
            }
            throw new Captured();
        }
    }

    /** Thrown by the inspector to stop the statement: it never reaches a connection. */
    private static final class Captured extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Captured() {
            super("statement captured by the Limitless start-up check", null, false, false);
        }
    }
}
