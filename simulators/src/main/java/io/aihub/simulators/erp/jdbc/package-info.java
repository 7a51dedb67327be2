/** A demo ERP customer table for the JDBC connector, seeded with the same accounts as the Salesforce simulator. */
package io.aihub.simulators.erp.jdbc;
