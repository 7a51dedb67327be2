package io.aihub.simulators.erp.sap;

/**
 * The OData v2 services the simulator serves, each with one entity set.
 *
 * @param serviceName   the service's technical name, the last segment of its root URL
 * @param entitySet     the entity set, e.g. {@code A_BusinessPartner}
 * @param keyProperty   the entity's single key property
 * @param entityType    the qualified type named in {@code __metadata.type}
 */
public enum SapService {
    /** {@code /sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner}. */
    BUSINESS_PARTNER("API_BUSINESS_PARTNER", "A_BusinessPartner", "BusinessPartner",
            "API_BUSINESS_PARTNER.A_BusinessPartnerType"),
    /** {@code /sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder}. */
    SALES_ORDER("API_SALES_ORDER_SRV", "A_SalesOrder", "SalesOrder", "API_SALES_ORDER_SRV.A_SalesOrderType");

    /** Where every service's root lies below the server. */
    public static final String ROOT_PATH = "/sap/opu/odata/sap/";

    private final String serviceName;
    private final String entitySet;
    private final String keyProperty;
    private final String entityType;

    SapService(String serviceName, String entitySet, String keyProperty, String entityType) {
        this.serviceName = serviceName;
        this.entitySet = entitySet;
        this.keyProperty = keyProperty;
        this.entityType = entityType;
    }

    public String serviceName() {
        return serviceName;
    }

    public String entitySet() {
        return entitySet;
    }

    public String keyProperty() {
        return keyProperty;
    }

    public String entityType() {
        return entityType;
    }

    /** The service root path, e.g. {@code /sap/opu/odata/sap/API_BUSINESS_PARTNER}. */
    public String rootPath() {
        return ROOT_PATH + serviceName;
    }
}
