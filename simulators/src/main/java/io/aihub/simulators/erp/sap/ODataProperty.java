package io.aihub.simulators.erp.sap;

import java.util.Objects;

/**
 * One property of a simulated entity type.
 *
 * @param name      the property name
 * @param type      its EDM type
 * @param maxLength the maximum length of a string, 0 when unbounded or not a string
 * @param updatable whether a PATCH or MERGE may change it (SAP's {@code sap:updatable})
 */
record ODataProperty(String name, EdmType type, int maxLength, boolean updatable) {

    ODataProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    static ODataProperty readOnly(String name, EdmType type) {
        return new ODataProperty(name, type, 0, false);
    }

    static ODataProperty updatable(String name, EdmType type, int maxLength) {
        return new ODataProperty(name, type, maxLength, true);
    }
}
