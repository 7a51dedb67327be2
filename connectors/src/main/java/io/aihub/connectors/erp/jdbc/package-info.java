/** JDBC connectors for ERP and other relational databases: a keyset-polling source and an allow-listed UPDATE sink. */
package io.aihub.connectors.erp.jdbc;
