package io.aihub.simulators.erp.sap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The properties of a simulated entity type, in the order the service returns them. Key-user extension
 * fields carry SAP's {@code YY1_} prefix and {@code _bus} suffix (business partner context).
 */
final class EntitySchema {

    static final EntitySchema BUSINESS_PARTNER = new EntitySchema(List.of(
            ODataProperty.readOnly("BusinessPartner", EdmType.STRING),
            ODataProperty.readOnly("BusinessPartnerCategory", EdmType.STRING),
            ODataProperty.readOnly("BusinessPartnerFullName", EdmType.STRING),
            ODataProperty.readOnly("Industry", EdmType.STRING),
            ODataProperty.updatable("SearchTerm1", EdmType.STRING, 20),
            ODataProperty.readOnly("YY1_AnnualRevenue_bus", EdmType.DECIMAL),
            ODataProperty.readOnly("YY1_Employees_bus", EdmType.INT32),
            ODataProperty.readOnly("YY1_Plan_bus", EdmType.STRING),
            ODataProperty.readOnly("YY1_TenureMonths_bus", EdmType.INT32),
            ODataProperty.readOnly("YY1_MonthlySpend_bus", EdmType.DECIMAL),
            ODataProperty.readOnly("YY1_SupportCases90d_bus", EdmType.INT32),
            ODataProperty.readOnly("YY1_DaysSinceLastLogin_bus", EdmType.INT32),
            ODataProperty.readOnly("YY1_NPS_bus", EdmType.INT32),
            ODataProperty.updatable("YY1_ChurnScore_bus", EdmType.DECIMAL, 0),
            ODataProperty.updatable("YY1_ChurnRisk_bus", EdmType.STRING, 10),
            ODataProperty.readOnly("CreationDate", EdmType.DATE_TIME),
            ODataProperty.readOnly("LastChangedByUser", EdmType.STRING),
            ODataProperty.readOnly("LastChangeDateTime", EdmType.DATE_TIME_OFFSET)));

    static final EntitySchema SALES_ORDER = new EntitySchema(List.of(
            ODataProperty.readOnly("SalesOrder", EdmType.STRING),
            ODataProperty.readOnly("SalesOrderType", EdmType.STRING),
            ODataProperty.readOnly("SalesOrganization", EdmType.STRING),
            ODataProperty.readOnly("DistributionChannel", EdmType.STRING),
            ODataProperty.readOnly("OrganizationDivision", EdmType.STRING),
            ODataProperty.readOnly("SoldToParty", EdmType.STRING),
            ODataProperty.updatable("PurchaseOrderByCustomer", EdmType.STRING, 35),
            ODataProperty.readOnly("TotalNetAmount", EdmType.DECIMAL),
            ODataProperty.readOnly("TransactionCurrency", EdmType.STRING),
            ODataProperty.readOnly("OverallSDProcessStatus", EdmType.STRING),
            ODataProperty.updatable("YY1_ChurnScore_SDH", EdmType.DECIMAL, 0),
            ODataProperty.readOnly("CustomerPaymentTerms", EdmType.STRING),
            ODataProperty.updatable("YY1_PaymentRisk_SDH", EdmType.DECIMAL, 0),
            ODataProperty.updatable("YY1_PaymentRiskBand_SDH", EdmType.STRING, 10),
            ODataProperty.readOnly("CreationDate", EdmType.DATE_TIME),
            ODataProperty.readOnly("LastChangedByUser", EdmType.STRING),
            ODataProperty.readOnly("LastChangeDateTime", EdmType.DATE_TIME_OFFSET)));

    private final Map<String, ODataProperty> properties = new LinkedHashMap<>();

    private EntitySchema(List<ODataProperty> list) {
        list.forEach(p -> properties.put(p.name(), p));
    }

    static EntitySchema of(SapService service) {
        return service == SapService.BUSINESS_PARTNER ? BUSINESS_PARTNER : SALES_ORDER;
    }

    Optional<ODataProperty> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    List<ODataProperty> properties() {
        return List.copyOf(properties.values());
    }
}
