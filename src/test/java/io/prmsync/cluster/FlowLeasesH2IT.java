package io.prmsync.cluster;

import io.prmsync.support.MigratedStore;
import javax.sql.DataSource;

class FlowLeasesH2IT extends FlowLeasesContract {

    @Override
    DataSource store() {
        return MigratedStore.create("flow-leases");
    }
}
