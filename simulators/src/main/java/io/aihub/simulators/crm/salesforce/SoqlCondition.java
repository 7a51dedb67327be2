package io.aihub.simulators.crm.salesforce;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed WHERE clause, evaluated against a record's typed field values. Null follows SOQL rather than
 * SQL: {@code Field = null} matches empty fields and {@code Field != 'x'} matches them too.
 */
sealed interface SoqlCondition {

    /** Whether the record (field API name to typed value) satisfies this condition. */
    boolean test(Map<String, Object> record);

    /** All terms hold. */
    record And(List<SoqlCondition> terms) implements SoqlCondition {
        public And {
            terms = List.copyOf(terms);
        }

        @Override
        public boolean test(Map<String, Object> record) {
            return terms.stream().allMatch(t -> t.test(record));
        }
    }

    /** At least one term holds. */
    record Or(List<SoqlCondition> terms) implements SoqlCondition {
        public Or {
            terms = List.copyOf(terms);
        }

        @Override
        public boolean test(Map<String, Object> record) {
            return terms.stream().anyMatch(t -> t.test(record));
        }
    }

    /** The term does not hold. */
    record Not(SoqlCondition term) implements SoqlCondition {
        public Not {
            Objects.requireNonNull(term, "term");
        }

        @Override
        public boolean test(Map<String, Object> record) {
            return !term.test(record);
        }
    }

    /** {@code field op literal}; a null literal is allowed only with = and !=. */
    record Comparison(SObjectField field, SoqlOperator operator, Object literal) implements SoqlCondition {
        public Comparison {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(operator, "operator");
        }

        @Override
        public boolean test(Map<String, Object> record) {
            Object value = record.get(field.name());
            if (literal == null || value == null) {
                boolean same = literal == value;
                return operator == SoqlOperator.EQUALS ? same : operator == SoqlOperator.NOT_EQUALS && !same;
            }
            return operator.holds(field.type().compare(value, literal));
        }
    }

    /** {@code field IN (literals)} or {@code field NOT IN (literals)}. */
    record In(SObjectField field, List<Object> literals, boolean negated) implements SoqlCondition {
        public In {
            Objects.requireNonNull(field, "field");
            literals = List.copyOf(literals);
        }

        @Override
        public boolean test(Map<String, Object> record) {
            Object value = record.get(field.name());
            boolean found = value != null && literals.stream().anyMatch(l -> field.type().compare(value, l) == 0);
            return found != negated;
        }
    }
}
