package io.aihub.connectors.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.error.AihubException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQL failures are classified by SQLSTATE, and their messages never reach the exception. */
class JdbcErrorsTest {

    @ParameterizedTest
    @CsvSource({"08006, true", "08001, true", "40001, true", "40P01, true", "57P01, true", "57014, true",
        "53300, true", "HYT00, true", "23505, false", "23514, false", "22001, false", "42P01, false",
        "28P01, false", "P0001, false"})
    void theSqlStateShouldDecideWhetherToRetry(String state, boolean retriable) {
        SQLException failure = new SQLException("Key (id)=(42) already exists", state);

        AihubException e = JdbcErrors.toException(failure, "erp", "updating customers");

        assertThat(e.retriable()).isEqualTo(retriable);
        assertThat(e.getMessage()).contains("SQLSTATE " + state).contains("'erp'").doesNotContain("(42)");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void badCredentialsShouldBePermanentAuthFailuresEvenWhenThePoolWrapsThem() {
        SQLException pool = new SQLTransientConnectionException("pool - Connection is not available", "28P01",
                new SQLException("password authentication failed for user \"aihub\"", "28P01"));

        AihubException e = JdbcErrors.toException(pool, "erp", "polling customers");

        assertThat(e.retriable()).isFalse();
        assertThat(e.code()).isEqualTo(JdbcErrors.AUTH);
        assertThat(e.getMessage()).doesNotContain("aihub\"");
    }

    @Test
    void transientFailuresWithoutSqlStateShouldBeRetriable() {
        assertThat(JdbcErrors.isRetriable(new SQLTimeoutException("timed out"))).isTrue();
        assertThat(JdbcErrors.isRetriable(new SQLException("odd"))).isFalse();
    }

    @Test
    void theStateOfABatchsNextExceptionShouldCount() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 was aborted", new int[0]);
        batch.setNextException(new SQLException("new row violates check constraint", "23514"));

        assertThat(JdbcErrors.sqlState(batch)).isEqualTo("23514");
        assertThat(JdbcErrors.recordCode(batch)).isEqualTo("SQLSTATE_23514");
        assertThat(JdbcErrors.failsEveryStatement(batch)).isFalse();
    }
}
