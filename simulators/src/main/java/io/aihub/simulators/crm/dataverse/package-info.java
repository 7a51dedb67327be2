/** A Microsoft Dataverse Web API (OData v4) simulator: Entra ID client credentials, paged reads and ETag writes. */
package io.aihub.simulators.crm.dataverse;
