/** Microsoft Dataverse Web API connectors: an incremental OData source and an ETag-guarded write-back sink. */
package io.aihub.connectors.crm.dataverse;
