/** The storage collector's version, apart from its code: the registry names it without loading fio and the boot probe. */
export const STORAGE_COLLECTOR_VERSION = '1.0.0';
