/** SAP S/4HANA OData v2 connectors: an incremental keyset source and an If-Match, CSRF-protected write-back sink. */
package io.aihub.connectors.erp.sap;
