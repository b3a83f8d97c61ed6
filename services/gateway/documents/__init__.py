"""Documents for integrators: the combined OpenAPI of every service and the AsyncAPI of every topic."""
