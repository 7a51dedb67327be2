/** Salesforce REST connectors: an incremental SOQL source and an sObject Collections write-back sink. */
package io.aihub.connectors.crm.salesforce;
