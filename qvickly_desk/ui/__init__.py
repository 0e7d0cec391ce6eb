"""The Qt window: a thin layer over the Qt-free core (client, invoices, pno, credentials)."""
