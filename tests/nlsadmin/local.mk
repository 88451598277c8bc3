# nlsadmin tests
