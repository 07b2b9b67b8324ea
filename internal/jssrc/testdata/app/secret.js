const port = process.env.SECRET_PORT;
let host = '0.0.0.0';
host = pick();
app.listen(port, host);
