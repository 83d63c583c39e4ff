//! A minimal HTTP endpoint for container orchestrators: `GET /metrics` gets the Prometheus
//! text, any other request `200 ok` while the bot is running. Plain tokio, no web framework.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use super::metrics::Metrics;
use super::settings::ReloadInfoFn;
use super::shutdown::halted;

/// How long one health request or probe may take.
const TIMEOUT: Duration = Duration::from_secs(3);
const RESPONSE: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n";

/// Answers health and metrics requests on `listener` until `stop` turns true.
pub async fn serve(
    listener: TcpListener,
    metrics: Arc<Metrics>,
    reload: Option<ReloadInfoFn>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = halted(&mut stop) => return,
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    // Answering takes one write; do it inline rather than own a task per probe.
                    let _ = tokio::time::timeout(TIMEOUT, answer(stream, &metrics, reload.as_ref())).await;
                }
            }
        }
    }
}

async fn answer(
    mut stream: TcpStream,
    metrics: &Metrics,
    reload: Option<&ReloadInfoFn>,
) -> std::io::Result<()> {
    let mut head = [0u8; 1024];
    let n = stream.read(&mut head).await?;
    if head[..n].starts_with(b"GET /metrics ") {
        let body = metrics.render(reload.and_then(|r| r()));
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).await?;
    } else {
        stream.write_all(RESPONSE).await?;
    }
    stream.shutdown().await
}

#[derive(Debug, thiserror::Error)]
pub enum HealthError {
    #[error("the bot's health endpoint at {0} did not answer: {1}")]
    Unreachable(SocketAddr, String),
    #[error("the bot's health endpoint at {0} answered, but not with 200 OK")]
    Unhealthy(SocketAddr),
}

/// Asks the health endpoint at `addr`; `Ok` when it answers 200. For `healthcheck --addr`.
pub async fn probe(addr: SocketAddr) -> Result<(), HealthError> {
    let ask = async {
        let mut stream = TcpStream::connect(addr).await?;
        stream
            .write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .await?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await?;
        Ok::<_, std::io::Error>(answer)
    };
    let answer = match tokio::time::timeout(TIMEOUT, ask).await {
        Ok(Ok(a)) => a,
        Ok(Err(e)) => return Err(HealthError::Unreachable(addr, e.to_string())),
        Err(_) => return Err(HealthError::Unreachable(addr, "timed out".into())),
    };
    let status_line = answer.split(|b| *b == b'\n').next().unwrap_or_default();
    if status_line.starts_with(b"HTTP/1.1 200") || status_line.starts_with(b"HTTP/1.0 200") {
        Ok(())
    } else {
        Err(HealthError::Unhealthy(addr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_probe_sees_a_serving_endpoint_and_not_a_stopped_one() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop_tx, stop_rx) = watch::channel(false);
        let server = tokio::spawn(serve(listener, Arc::default(), None, stop_rx));
        probe(addr).await.unwrap();
        stop_tx.send(true).unwrap();
        server.await.unwrap();
        assert!(matches!(
            probe(addr).await,
            Err(HealthError::Unreachable(..))
        ));
    }
}
