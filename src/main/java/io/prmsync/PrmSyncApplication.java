package io.prmsync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PrmSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(PrmSyncApplication.class, args);
    }
}
