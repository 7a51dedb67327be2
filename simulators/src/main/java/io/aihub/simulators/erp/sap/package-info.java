/** An SAP S/4HANA OData v2 server (API_BUSINESS_PARTNER, API_SALES_ORDER_SRV) on 127.0.0.1 with fault hooks. */
package io.aihub.simulators.erp.sap;
