"""HTTP request and response models of signing in, refreshing and signing out."""

from pydantic import BaseModel, EmailStr, Field


class SignIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=1, max_length=1024)
    otp: str | None = Field(
        None,
        min_length=6,
        max_length=32,
        description="practice admins and compliance officers: the authenticator's 6 digits, or a recovery code",
    )


class RefreshIn(BaseModel):
    refresh_token: str = Field(min_length=16, max_length=200)


class SignOutIn(BaseModel):
    refresh_token: str | None = Field(None, min_length=16, max_length=200)


class TokensOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
