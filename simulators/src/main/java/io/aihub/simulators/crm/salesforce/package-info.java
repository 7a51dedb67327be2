/** A Salesforce REST API simulator: OAuth client credentials, SOQL query paging and sObject Collections writes. */
package io.aihub.simulators.crm.salesforce;
