package io.aihub.connectors.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Record values are converted to column types, or refused without quoting them. */
class JdbcValuesTest {

    private static final ColumnType BIGINT = ColumnType.of(Types.BIGINT, "int8");
    private static final ColumnType NUMERIC = ColumnType.of(Types.NUMERIC, "numeric");
    private static final ColumnType DOUBLE = ColumnType.of(Types.DOUBLE, "float8");
    private static final ColumnType BOOL = ColumnType.of(Types.BIT, "bool");
    private static final ColumnType TEXT = ColumnType.of(Types.VARCHAR, "varchar");
    private static final ColumnType TIMESTAMPTZ = ColumnType.of(Types.TIMESTAMP, "timestamptz");
    private static final ColumnType TIMESTAMP = ColumnType.of(Types.TIMESTAMP, "timestamp");
    private static final ColumnType UUID_TYPE = ColumnType.of(Types.OTHER, "uuid");

    @Test
    void postgresTypeNamesShouldTellTimestampsWithZoneAndBooleansApart() {
        assertThat(TIMESTAMPTZ.kind()).isEqualTo(ColumnType.Kind.TIMESTAMP_TZ);
        assertThat(ColumnType.of(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP WITH TIME ZONE").kind())
                .isEqualTo(ColumnType.Kind.TIMESTAMP_TZ);
        assertThat(TIMESTAMP.kind()).isEqualTo(ColumnType.Kind.TIMESTAMP);
        assertThat(BOOL.kind()).isEqualTo(ColumnType.Kind.BOOLEAN);
        assertThat(UUID_TYPE.kind()).isEqualTo(ColumnType.Kind.UUID);
    }

    @Test
    void valuesShouldBeConvertedToTheColumnsJavaType() {
        assertThat(JdbcValues.convert("42", BIGINT)).isEqualTo(42L);
        assertThat(JdbcValues.convert(3.0, BIGINT)).isEqualTo(3L);
        assertThat(JdbcValues.convert(0.1, NUMERIC)).isEqualTo(new BigDecimal("0.1"));
        assertThat(JdbcValues.convert("0.25", DOUBLE)).isEqualTo(0.25);
        assertThat(JdbcValues.convert("TRUE", BOOL)).isEqualTo(true);
        assertThat(JdbcValues.convert(7, TEXT)).isEqualTo("7");
        assertThat(JdbcValues.convert(null, TEXT)).isNull();
        assertThat(JdbcValues.convert("2026-01-05T08:00:13.5Z", TIMESTAMPTZ))
                .isEqualTo(OffsetDateTime.of(2026, 1, 5, 8, 0, 13, 500_000_000, ZoneOffset.UTC));
        assertThat(JdbcValues.convert("2026-01-05T09:00:13.5+01:00", TIMESTAMPTZ))
                .isEqualTo(OffsetDateTime.of(2026, 1, 5, 8, 0, 13, 500_000_000, ZoneOffset.UTC));
        assertThat(JdbcValues.convert("2026-01-05T08:00:13", TIMESTAMP))
                .isEqualTo(LocalDateTime.of(2026, 1, 5, 8, 0, 13));
        UUID id = UUID.randomUUID();
        assertThat(JdbcValues.convert(id.toString(), UUID_TYPE)).isEqualTo(id);
    }

    @Test
    void timestampTextShouldRoundTrip() {
        LocalDateTime local = LocalDateTime.of(2026, 1, 5, 8, 0, 0, 123_456_000);
        OffsetDateTime zoned = OffsetDateTime.of(2026, 1, 5, 8, 0, 0, 0, ZoneOffset.ofHours(2));

        assertThat(JdbcValues.text(local)).isEqualTo("2026-01-05T08:00:00.123456");
        assertThat(JdbcValues.convert(JdbcValues.text(local), TIMESTAMP)).isEqualTo(local);
        assertThat(JdbcValues.text(zoned)).isEqualTo("2026-01-05T06:00:00Z");
        assertThat((OffsetDateTime) JdbcValues.convert(JdbcValues.text(zoned), TIMESTAMPTZ)).isEqualTo(
                zoned.withOffsetSameInstant(ZoneOffset.UTC));
    }

    @Test
    void valuesThatDoNotFitShouldBeRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> JdbcValues.convert(0.5, BIGINT)).hasMessageContaining("int8")
                .hasMessageNotContaining("0.5");
        assertThatThrownBy(() -> JdbcValues.convert("secret-ish", DOUBLE)).hasMessageNotContaining("secret-ish");
        assertThatThrownBy(() -> JdbcValues.convert(Double.NaN, NUMERIC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JdbcValues.convert(true, BIGINT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JdbcValues.convert(1, BOOL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JdbcValues.convert(List.of(1), TEXT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
