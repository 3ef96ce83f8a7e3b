package dev.pullback;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PullbackApplication {
}
