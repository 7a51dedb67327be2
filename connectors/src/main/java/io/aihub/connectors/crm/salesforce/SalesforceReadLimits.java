package io.aihub.connectors.crm.salesforce;

/**
 * Caps on one queried record. A record over a cap is rejected on its own (the rest of the page is read); the
 * caps also bound the memory one record can take while a page is read.
 *
 * @param maxNestingDepth how deeply a record may nest, the record object itself being level 1
 * @param maxFieldBytes   the longest string (field value or name) a record may hold, in UTF-8 bytes as sent
 * @param maxRecordBytes  the largest record, in bytes as sent; at most this much of a record is held in memory
 */
record SalesforceReadLimits(int maxNestingDepth, int maxFieldBytes, int maxRecordBytes) {

    /** Defaults: 64 levels, 1 MiB per string, 4 MiB per record. */
    static final SalesforceReadLimits DEFAULTS = new SalesforceReadLimits(64, 1024 * 1024, 4 * 1024 * 1024);

    SalesforceReadLimits {
        if (maxNestingDepth < 2 || maxFieldBytes < 1024 || maxRecordBytes < maxFieldBytes) {
            throw new IllegalArgumentException("read limits need a depth of at least 2, at least 1024 bytes per"
                    + " field and a record cap no smaller than the field cap");
        }
    }
}
